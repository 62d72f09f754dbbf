/**
 * The plugin front end's programs, as Pulumi YAML projects (`Pulumi.yaml` text): the Sinch program of the run's world
 * through `pulumi-resource-sinch`, and its floor, as many `nothing:index:Nothing` resources through the do-nothing
 * plugin (bench/floorPlugin), each with the properties of the resource it stands for and under the same name, so that
 * the engine stores, diffs and displays as much for both. Each project names its plugin by path
 * (`plugins.providers[].path`), as examples/yaml-basic does.
 */
import { NOTHING_PACKAGE, NOTHING_TYPE } from '../floorPlugin/nothing';
import type { SinchProgram } from './protocol';

export const NUMBER_ASSIGNMENT_TYPE = 'sinch:voice:NumberAssignment';
export const APPLICATION_CALLBACKS_TYPE = 'sinch:voice:ApplicationCallbacks';

interface Declared {
  name: string;
  type: string;
  properties: Record<string, string>;
}

/** Project and resource names the benchmark makes: written unquoted, so they must need no quoting. */
const PLAIN_NAME = /^[a-z][a-z0-9-]*$/;

function plain(what: string, name: string): string {
  if (!PLAIN_NAME.test(name)) throw new Error(`the YAML program's ${what} ${JSON.stringify(name)} is not a plain name`);
  return name;
}

/**
 * A double-quoted YAML scalar. JSON's string syntax is YAML's double-quoted style, and quoted, a number such as
 * +14155550000 stays a string (unquoted, YAML reads it as a number).
 */
const quoted = (value: string): string => JSON.stringify(value);

function pulumiYaml(
  project: string,
  description: string,
  plugin: { name: string; path: string },
  resources: Declared[],
): string {
  const lines = [
    `name: ${plain('project name', project)}`,
    `description: ${quoted(description)}`,
    'runtime: yaml',
    'plugins:',
    '  providers:',
    `    - name: ${plain('plugin name', plugin.name)}`,
    `      path: ${quoted(plugin.path)}`,
    'resources:',
  ];
  for (const { name, type, properties } of resources) {
    lines.push(`  ${plain('resource name', name)}:`, `    type: ${type}`, '    properties:');
    for (const [key, value] of Object.entries(properties)) lines.push(`      ${key}: ${quoted(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The program's resources: each binding, then each application's callbacks, as the dynamic program declares them. */
function declared(program: SinchProgram): Declared[] {
  return [
    ...program.bindings.map(({ name, number, applicationKey }) => ({
      name,
      type: NUMBER_ASSIGNMENT_TYPE,
      properties: { number, applicationKey },
    })),
    ...program.callbacks.map(({ name, applicationKey, primary }) => ({
      name,
      type: APPLICATION_CALLBACKS_TYPE,
      properties: { applicationKey, primary },
    })),
  ];
}

/** N NumberAssignments and one ApplicationCallbacks per application, through the plugin in `pluginDirectory`. */
export function sinchYamlProgram(project: string, program: SinchProgram, pluginDirectory: string): string {
  return pulumiYaml(
    project,
    `The engine benchmark: ${program.bindings.length} bindings and ${program.callbacks.length} callbacks through pulumi-resource-sinch`,
    { name: 'sinch', path: pluginDirectory },
    declared(program),
  );
}

/** The floor: the same names and properties, every resource a `nothing:index:Nothing` of the do-nothing plugin. */
export function floorYamlProgram(project: string, program: SinchProgram, pluginDirectory: string): string {
  const resources = declared(program);
  return pulumiYaml(
    project,
    `The engine benchmark's floor: ${resources.length} resources of the do-nothing plugin`,
    { name: NOTHING_PACKAGE, path: pluginDirectory },
    resources.map((resource) => ({ ...resource, type: NOTHING_TYPE })),
  );
}
