/**
 * docs/ is what the package schema and examples/docs render now, each page names every property of its resource or
 * function, the generated tables agree with the schema, and hand-written pages are never written or deleted.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../../provider/plugin/version';
import { packageSchema, token } from '../../provider/schema/packageSchema';
import { FUNCTION_NAMES, RESOURCE_KINDS } from '../../provider/registry';
import { SETTINGS, type SettingShape } from '../../provider/shapes';
import {
  EXAMPLES,
  GENERATED,
  HAND_WRITTEN,
  LANGUAGES,
  docsPages,
  goName,
  pageOf,
  pythonName,
  stalePages,
  writeDocs,
} from '../../scripts/docs/pages';
import { REPOSITORY, cell, generatedBlocks } from '../../scripts/docs/tables';

const DOCS = join(REPOSITORY, 'docs');
const README = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');
const pages = docsPages();
const schema = packageSchema(packageVersion(REPOSITORY));

interface Property {
  description: string;
  default?: unknown;
  willReplaceOnChanges?: boolean;
  $ref?: string;
  items?: Property;
}
type Properties = Record<string, Property>;
const resources = schema.resources as Record<
  string,
  { properties: Properties; inputProperties: Properties; requiredInputs: string[]; description: string }
>;
const functions = schema.functions as Record<
  string,
  { description: string; inputs: { properties: Properties }; outputs: { properties: Properties } }
>;
const types = schema.types as Record<string, { properties: Properties }>;

/** The row of a property in a page's tables, with its description as the page writes it. */
const expectRow = (page: string, name: string, property: { description: string }) => {
  expect(page).toContain(`| \`${name}\` |`);
  expect(page).toContain(cell(property.description));
};

it('every page of docs/ is what the schema and examples/docs render now (run `npm run docs` and commit)', () => {
  for (const [file, text] of Object.entries(pages)) {
    const onDisk = existsSync(join(DOCS, file)) ? readFileSync(join(DOCS, file), 'utf8') : '(missing)';
    expect({ file: `docs/${file}`, text: onDisk }).toEqual({ file: `docs/${file}`, text });
  }
  expect(stalePages(DOCS, pages)).toEqual([]);
});

it('the pages are those of the Registry: _index, installation-configuration, one per resource and function', () => {
  expect(Object.keys(pages).sort()).toEqual(
    ['_index.md', 'installation-configuration.md', ...[...RESOURCE_KINDS, ...FUNCTION_NAMES].map(pageOf)].sort(),
  );
  for (const page of Object.values(HAND_WRITTEN)) {
    expect(Object.keys(pages)).not.toContain(page);
    expect(readFileSync(join(DOCS, page), 'utf8')).not.toContain(GENERATED);
  }
});

describe.each(RESOURCE_KINDS)('the page of %s', (kind) => {
  const page = pages[pageOf(kind)] as string;
  const resource = resources[token(kind)] as (typeof resources)[string];

  it('names every input and output of the schema, with its description and its name in Python and Go', () => {
    for (const [name, property] of Object.entries({ ...resource.properties, ...resource.inputProperties })) {
      expectRow(page, name, property);
      expect(page).toContain(`\`${pythonName(name)}\` / \`${goName(name)}\``);
    }
    for (const paragraph of resource.description.split('\n\n')) expect(page).toContain(paragraph);
  });

  it('gives the exact `pulumi import` command, and one example of it', () => {
    expect(page).toContain('## Import');
    expect(page).toMatch(new RegExp(`\\npulumi import ${token(kind)} <name> <[^\\n]+>\\n`));
    expect(page).toMatch(new RegExp(`\\npulumi import ${token(kind)} [^<\\s]+ [^<\\s]+\\n`));
  });

  it('has an example in TypeScript, Python, Go and YAML, each the file the tests compile or run', () => {
    for (const { name, file } of LANGUAGES) {
      expect(page).toContain(`### ${name}`);
      expect(page).toContain(readFileSync(join(REPOSITORY, EXAMPLES, kind.toLowerCase(), file), 'utf8').trimEnd());
    }
  });
});

describe.each(FUNCTION_NAMES)('the page of %s', (name) => {
  const page = pages[pageOf(name)] as string;
  const fn = functions[token(name)] as (typeof functions)[string];

  it('names every argument, result property and property of their types, with its description', () => {
    expect(page).toContain(fn.description);
    const all = { ...fn.inputs.properties, ...fn.outputs.properties };
    for (const [key, property] of Object.entries(all)) expectRow(page, key, property);
    const refs = Object.values(all).flatMap((property) => [property.$ref, property.items?.$ref]);
    for (const ref of refs.filter((value): value is string => value !== undefined)) {
      const type = types[ref.replace('#/types/', '')] as (typeof types)[string];
      for (const [key, property] of Object.entries(type.properties)) expectRow(page, key, property);
    }
  });

  it('has an example in TypeScript, Python, Go and YAML', () => {
    for (const { name: language, file } of LANGUAGES) {
      expect(page).toContain(`### ${language}`);
      expect(page).toContain(readFileSync(join(REPOSITORY, EXAMPLES, name.toLowerCase(), file), 'utf8').trimEnd());
    }
  });
});

it('installation-configuration names every configuration key with its environment variable, default and description', () => {
  const page = pages['installation-configuration.md'] as string;
  const variables = schema.config.variables as Record<
    string,
    { description: string; default?: unknown; defaultInfo: { environment: string[] } }
  >;
  for (const [name, variable] of Object.entries(variables)) {
    const row = page.split('\n').find((line) => line.startsWith(`| \`sinch:${name}\` |`));
    expect(row).toBeDefined();
    for (const environment of variable.defaultInfo.environment) expect(row).toContain(`\`${environment}\``);
    if (variable.default !== undefined) expect(row).toContain(`\`${String(variable.default)}\``);
    expect(row).toContain(cell(variable.description));
  }
  for (const name of Object.keys(schema.provider.inputProperties)) expect(page).toContain(`\`${name}\``);
  expect(page).toContain('pulumi:providers:sinch');
  for (const sdk of Object.values(schema.language).map((language) => Object.values(language)[0] as string))
    expect(page).toContain(sdk.replace(/\/sinch$/, ''));
});

it('every folder of examples/docs is the example of a page', () => {
  const folders = readdirSync(join(REPOSITORY, EXAMPLES), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const used = Object.values(pages).join('\n');
  for (const folder of folders)
    expect({
      folder,
      used: used.includes(readFileSync(join(REPOSITORY, EXAMPLES, folder, 'Pulumi.yaml'), 'utf8').trimEnd()),
    }).toEqual({ folder, used: true });
});

it('the names the pages give in Python and Go are those of the generated SDKs', () => {
  const read = (path: string) => readFileSync(join(REPOSITORY, 'sdk', path), 'utf8');
  for (const kind of RESOURCE_KINDS) {
    const resource = resources[token(kind)] as (typeof resources)[string];
    const python = read(`python/pulumi_sinch_voice/voice/${pythonName(kind).replace(/^_/, '')}.py`);
    const go = read(`go/sinch/voice/${kind.charAt(0).toLowerCase()}${kind.slice(1)}.go`);
    for (const name of Object.keys(resource.properties)) {
      expect(python).toContain(`def ${pythonName(name)}(self)`);
      expect(go).toContain(`) ${goName(name)}() `);
    }
  }
});

describe('the generated tables and the schema', () => {
  const blocks = generatedBlocks();
  /** A generated table's rows as cells, by the property's name. */
  const rows = (block: string) =>
    Object.fromEntries(
      block
        .split('\n')
        .filter((line) => /^\| `[^`]+`/.test(line))
        .map((line) => {
          const cells = line
            .slice(1, -1)
            .split(' | ')
            .map((text) => text.trim());
          return [(cells[0] as string).replace(/^`([^`]+)`.*$/, '$1'), cells];
        }),
    );

  it.each(RESOURCE_KINDS)('%s: the same inputs, required, defaults and replacements, and the same outputs', (kind) => {
    const resource = resources[token(kind)] as (typeof resources)[string];
    const inputs = rows(blocks[`${kind} inputs`] as string);
    expect(Object.keys(inputs)).toEqual(Object.keys(resource.inputProperties));
    for (const [name, property] of Object.entries(resource.inputProperties)) {
      const [, fallback, change] = inputs[name] as string[];
      if (resource.requiredInputs.includes(name)) expect(fallback).toBe('required');
      else if (property.default !== undefined) expect(fallback).toBe(`\`${String(property.default)}\``);
      else expect(fallback).not.toBe('required');
      expect(change).toBe(property.willReplaceOnChanges ? '**replaces** the resource' : 'updates it in place');
    }
    const outputs = rows(blocks[`${kind} outputs`] as string);
    expect(Object.keys(outputs)).toEqual(
      Object.keys(resource.properties).filter((name) => !(name in resource.inputProperties)),
    );
  });

  it('the same configuration keys, environment variables and defaults', () => {
    const settings = rows(blocks.settings as string);
    const variables = schema.config.variables as Record<
      string,
      { default?: unknown; defaultInfo: { environment: string[] } }
    >;
    expect(Object.keys(settings)).toEqual(Object.keys(variables).map((name) => `sinch:${name}`));
    for (const [name, variable] of Object.entries(variables)) {
      const [, environment, fallback] = settings[`sinch:${name}`] as string[];
      expect(environment).toBe(`\`${variable.defaultInfo.environment[0]}\``);
      // The default the provider applies: the shape's; the schema carries the same, but a number's (see packageSchema.ts).
      const shaped = SETTINGS[name as keyof typeof SETTINGS] as SettingShape;
      expect(fallback).toBe(shaped.default === undefined ? 'none' : `\`${shaped.default}\``);
      expect(variable.default).toEqual(shaped.type === 'integer' ? undefined : shaped.default);
    }
  });
});

it('the README links every page of docs/, generated or written by hand', () => {
  const all = [...Object.keys(pages), ...Object.values(HAND_WRITTEN)];
  expect(all.filter((file) => !README.includes(`](docs/${file})`))).toEqual([]);
});

describe('writing docs/', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sinch-docs-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes every page, removes a page it generated before and no longer does, and leaves hand-written ones', () => {
    const handWritten = '# Migrating\n\nWritten by hand.\n';
    writeFileSync(join(folder, HAND_WRITTEN.migrating), handWritten);
    writeFileSync(join(folder, 'notes.md'), 'not generated either\n');
    writeFileSync(join(folder, 'oldresource.md'), `---\ntitle: old\n---\n${GENERATED}\n\n# Old\n`);

    const first = writeDocs(folder);
    expect(first.written.sort()).toEqual(Object.keys(pages).sort());
    expect(first.removed).toEqual(['oldresource.md']);
    for (const [file, text] of Object.entries(pages)) expect(readFileSync(join(folder, file), 'utf8')).toBe(text);
    expect(readFileSync(join(folder, HAND_WRITTEN.migrating), 'utf8')).toBe(handWritten);
    expect(readFileSync(join(folder, 'notes.md'), 'utf8')).toBe('not generated either\n');
    expect(writeDocs(folder)).toEqual({ written: [], removed: [] });
  });

  it('refuses to replace a hand-written page that has the name of a generated one', () => {
    writeFileSync(join(folder, '_index.md'), '# Written by hand\n');
    expect(() => writeDocs(folder)).toThrow('docs/_index.md is hand-written (no generated mark); not replacing it');
    expect(readFileSync(join(folder, '_index.md'), 'utf8')).toBe('# Written by hand\n');
  });
});
