/** `npm test` is the unit tier and then the engine tier (jest.tiers.js): together every suite, each exactly once. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '..', '..');

/** The suites a Jest configuration runs, relative to the repository. */
function suitesOf(config: string): string[] {
  const listed = execFileSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '-c', config, '--listTests', '--json'],
    {
      cwd: REPOSITORY,
      encoding: 'utf8',
    },
  );
  return (JSON.parse(listed) as string[]).map((path) => path.slice(REPOSITORY.length + 1)).sort();
}

it('the unit and engine tiers split every suite between them, and the engine tier holds the engine suites', () => {
  const every = suitesOf('jest.config.js');
  const unit = suitesOf('jest.unit.config.js');
  const engine = suitesOf('jest.engine.config.js');
  expect([...unit, ...engine].sort()).toEqual(every);
  expect(unit.filter((suite) => engine.includes(suite))).toEqual([]);
  expect(engine).toEqual(expect.arrayContaining(['test/e2e/lifecycle.test.ts', 'test/upgrade/upgrade.test.ts']));
  expect(unit).toEqual(expect.arrayContaining(['test/provider/registry.test.ts', 'test/scripts/tiers.test.ts']));
});
