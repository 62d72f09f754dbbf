/** The README's tables of inputs, outputs and settings are the declared shapes, rendered: they cannot drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeBlocks, renderReadme } from '../../scripts/docs/tables';
import { APPLICATION_CALLBACKS, NUMBER_ASSIGNMENT, SETTINGS } from '../../provider/shapes';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

it('every generated block of the README is what the shapes render now (run `npm run docs` after changing a shape)', () => {
  expect(renderReadme(README)).toBe(README);
});

it('the blocks name every property and setting, with its description', () => {
  const blocks = Object.values(readmeBlocks()).join('\n');
  for (const shape of [NUMBER_ASSIGNMENT, APPLICATION_CALLBACKS]) {
    for (const [name, property] of Object.entries(shape.properties)) {
      expect(blocks).toContain(`| \`${name}\` |`);
      expect(blocks).toContain(property.description.slice(0, 40));
    }
  }
  for (const setting of Object.values(SETTINGS)) expect(blocks).toContain(`\`${setting.environment}\``);
});

it('a README without a block is refused, naming it', () => {
  expect(() => renderReadme('# nothing here')).toThrow(
    'README.md has no block "<!-- generated from provider/shapes: settings -->"',
  );
});
