/** The README is a newcomer's page: short, and every command it gives exists. The rest lives in the pages it links. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY } from '../../scripts/docs/tables';

const README = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');
const { scripts } = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

it('stays at most 200 lines: details go to docs/, CONTRIBUTING.md and the folders’ READMEs', () => {
  expect(README.trimEnd().split('\n').length).toBeLessThanOrEqual(200);
});

it('every `npm run` script it names exists in package.json', () => {
  const named = [...README.matchAll(/npm run ([a-z][\w:-]*\w)/g)].map((match) => match[1] as string);
  expect(named).toEqual(expect.arrayContaining(['demo', 'test:unit']));
  expect([...new Set(named)].filter((name) => !(name in scripts))).toEqual([]);
  expect(README).toContain('npm install && npm run demo');
  expect(README).toContain('npm test');
  expect(scripts.test).toBeDefined();
});

it('links the contributor guide and the pages that took its former sections', () => {
  for (const page of [
    'CONTRIBUTING.md',
    'docs/concepts.md',
    'docs/reliability.md',
    'docs/client.md',
    'docs/dynamic-resources.md',
    'docs/plugin.md',
    'bench/README.md',
    'simulator/README.md',
    'test/live/README.md',
  ])
    expect(README).toContain(`](${page})`);
});
