/**
 * What `generate` writes, besides TypeScript for the dynamic resources (rendering.ts): a Pulumi YAML program for the
 * plugin, and Pulumi's bulk import file (`pulumi import --file`), from which the engine writes the program in the
 * project's own language. Both name the resources as the TypeScript does and as the top-level stack names them.
 */
import { token } from '../schema/packageSchema';
import type { LiveConfiguration } from './reading';
import {
  commentText,
  declarationsOf,
  plural,
  renderDeclarations,
  short,
  sourceOf,
  type Declarations,
} from './rendering';

export const FORMATS = ['typescript', 'yaml', 'import-file'] as const;
export type Format = (typeof FORMATS)[number];

/** What a format renders: the text, and lines about what was left out, for where the text cannot hold comments. */
export interface Rendered {
  text: string;
  notes: string[];
}

/** A YAML scalar: JSON's double-quoted strings are YAML's too, so any value is written safely. */
const scalar = (value: string): string => JSON.stringify(value);

function summary(live: LiveConfiguration, declarations: Declarations): string {
  return (
    `read by \`pulumi-sinch-voice generate\` from ${sourceOf(live.source.baseUrl)} with the credentials of application ` +
    `${commentText(short(live.source.applicationKey))}: ${plural(declarations.numbers.length, 'NumberAssignment', 'NumberAssignments')}, ` +
    `${declarations.callbacks.length} ApplicationCallbacks`
  );
}

function yamlProgram(live: LiveConfiguration): string {
  const declarations = declarationsOf(live);
  const resources = [
    ...declarations.numbers.map(({ name, number, applicationKey, capability }) => [
      `  ${scalar(name)}:`,
      `    type: ${token('NumberAssignment')}`,
      '    properties:',
      `      number: ${scalar(number)}`,
      `      applicationKey: ${scalar(applicationKey)}`,
      `      capability: ${scalar(capability)}`,
    ]),
    ...declarations.callbacks.map(({ name, applicationKey, primary, fallback, rewritten }) => [
      ...rewritten.map(
        ({ field, live: was, declared }) =>
          `  # The live ${field} URL is ${commentText(JSON.stringify(was))}; URLs are declared normalized, so the first \`pulumi up\` writes ${commentText(JSON.stringify(declared))}.`,
      ),
      `  ${scalar(name)}:`,
      `    type: ${token('ApplicationCallbacks')}`,
      '    properties:',
      `      applicationKey: ${scalar(applicationKey)}`,
      `      primary: ${scalar(primary)}`,
      ...(fallback === undefined ? [] : [`      fallback: ${scalar(fallback)}`]),
    ]),
  ];
  const lines = [
    `# Sinch Voice configuration as it exists, ${summary(live, declarations)}.`,
    '# Creating these resources adopts what exists: the first `pulumi up` records each one as adopted and writes nothing',
    '# to Sinch (but the URLs marked below), and `pulumi destroy` later leaves these bindings and URLs as they are.',
    'name: sinch-voice',
    'runtime: yaml',
    '# The plugin, as `npm install pulumi-sinch-voice @pulumi/pulumi` puts it here; without this entry the engine looks',
    '# for it in PULUMI_HOME (`pulumi plugin install resource sinch <version> --file <archive>`).',
    'plugins:',
    '  providers:',
    '    - name: sinch',
    '      path: node_modules/pulumi-sinch-voice/bin',
    ...(resources.length > 0 ? ['resources:', ...resources.flat()] : []),
    ...(declarations.notDeclared.length > 0
      ? ['# Not declared:', ...declarations.notDeclared.map((line) => `# - ${commentText(line)}`)]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Pulumi's bulk import file. A callbacks resource whose live URL is written otherwise than its normalized form is left
 * out: its import would find inputs that check then changes. Declare it instead (the first `up` writes the URL).
 */
function importFile(live: LiveConfiguration): Rendered {
  const declarations = declarationsOf(live);
  const importable = declarations.callbacks.filter((callbacks) => callbacks.rewritten.length === 0);
  const resources = [
    ...declarations.numbers.map(({ name, number, capability }) => ({
      type: token('NumberAssignment'),
      name,
      id: `${number}/${capability}`,
    })),
    ...importable.map(({ name, applicationKey }) => ({
      type: token('ApplicationCallbacks'),
      name,
      id: applicationKey,
    })),
  ];
  const notes = [
    `${summary(live, { ...declarations, callbacks: importable })}; importing records each one as adopted, so destroy leaves it as it is`,
    ...declarations.callbacks
      .filter((callbacks) => callbacks.rewritten.length > 0)
      .map(
        ({ applicationKey, rewritten }) =>
          `not in the import file: the callback URLs of ${applicationKey}, whose live ${rewritten.map(({ field }) => field).join(' and ')} URL is not written in its normalized form; declare them in the program instead (the first up writes the normalized form)`,
      ),
    ...declarations.notDeclared.map((line) => `not in the import file: ${commentText(line)}`),
  ];
  return { text: `${JSON.stringify({ resources }, null, 2)}\n`, notes };
}

export function render(format: Format, live: LiveConfiguration): Rendered {
  switch (format) {
    case 'typescript':
      return { text: renderDeclarations(live), notes: [] };
    case 'yaml':
      return { text: yamlProgram(live), notes: [] };
    case 'import-file':
      return importFile(live);
  }
}
