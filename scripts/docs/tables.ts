/**
 * The README's tables of inputs, outputs and settings, rendered from the declared shapes (provider/shapes), so that
 * they cannot drift from the code: `npm run docs` writes them between their markers, and a test fails when the
 * README differs from what this renders.
 */
import { APPLICATION_CALLBACKS, NUMBER_ASSIGNMENT, SETTINGS, type ResourceShape } from '../../provider/shapes';

const code = (text: string | boolean) => `\`${String(text)}\``;
/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function inputs(shape: ResourceShape): string {
  const rows = Object.entries(shape.properties)
    .filter(([, property]) => property.input)
    .map(([name, property]) => {
      const fallback = property.required
        ? 'required'
        : property.default !== undefined
          ? code(property.default)
          : property.defaultSetting !== undefined
            ? code(SETTINGS[property.defaultSetting].key)
            : 'none';
      const change = property.replaces ? '**replaces** the resource' : 'updates it in place';
      return `| ${code(name)} | ${fallback} | ${change} | ${cell(property.description)} |`;
    });
  return ['| Input | Default | Changing it | Meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputs(shape: ResourceShape): string {
  const rows = Object.entries(shape.properties)
    .filter(([, property]) => !property.input)
    .map(
      ([name, property]) =>
        `| ${code(name)} | ${property.always ? 'always' : 'when recorded'} | ${cell(property.description)} |`,
    );
  return [
    `Outputs: every input as checked (defaults filled in), and:`,
    '',
    '| Output | Present | Meaning |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `The id is ${code(shape.id.form)}: ${shape.id.description}.`,
  ].join('\n');
}

function settings(): string {
  const rows = Object.values(SETTINGS).map((setting) => {
    const key =
      'secret' in setting && setting.secret ? `${code(setting.key)} (set with \`--secret\`)` : code(setting.key);
    const fallback = 'default' in setting ? code(setting.default) : 'none';
    return `| ${key} | ${code(setting.environment)} | ${fallback} | ${cell(setting.description)} |`;
  });
  return [
    '| Stack configuration | Environment fallback | Default | Meaning |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Each generated block by its marker name. */
export function readmeBlocks(): Record<string, string> {
  return {
    settings: settings(),
    'NumberAssignment inputs': inputs(NUMBER_ASSIGNMENT),
    'NumberAssignment outputs': outputs(NUMBER_ASSIGNMENT),
    'ApplicationCallbacks inputs': inputs(APPLICATION_CALLBACKS),
    'ApplicationCallbacks outputs': outputs(APPLICATION_CALLBACKS),
  };
}

const begin = (name: string) => `<!-- generated from provider/shapes: ${name} -->`;
const END = '<!-- end of generated block -->';

/** The README with every generated block rendered anew; fails when a marker is missing. */
export function renderReadme(readme: string): string {
  let text = readme;
  for (const [name, block] of Object.entries(readmeBlocks())) {
    const start = text.indexOf(begin(name));
    const end = start < 0 ? -1 : text.indexOf(END, start);
    if (start < 0 || end < 0) throw new Error(`README.md has no block "${begin(name)}" … "${END}"`);
    text = `${text.slice(0, start)}${begin(name)}\n${block}\n${text.slice(end)}`;
  }
  return text;
}
