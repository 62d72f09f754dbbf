/**
 * Import through the engine and the plugin: `pulumi import` of both resources, whose generated code is then the
 * program, and the YAML `import` resource option. Each imported resource records what it found, so: refresh finds
 * nothing, a preview of the generated program shows no change, and destroy writes nothing (the binding stays bound,
 * the URLs stay as they were), because the stack did not make them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator } from '../support/simulator';
import { Engine, resourcesOf, type Project } from './cli';

jest.setTimeout(20 * 60_000);

let engine: Engine;
let modules: string;
let simulator: RunningSimulator;

beforeAll(async () => {
  engine = await Engine.create();
  modules = await engine.installPackage();
});
afterAll(() => engine?.remove());
beforeEach(async () => {
  simulator = await startTestSimulator();
  // What exists before any stack: a binding and the URLs of application B, made in the dashboard.
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key });
  await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, {
    primary: 'https://voice.example.com/b',
    fallback: 'https://backup.example.com/b',
  });
  await admin(simulator, 'DELETE', 'requests');
});
afterEach(() => simulator.close());

const writes = async () =>
  (await admin<{ requests: Array<{ method: string; route: string }> }>(simulator, 'GET', 'requests')).requests.filter(
    (request) => request.method !== 'GET',
  );

/** A program with no resources yet (what `pulumi import` starts from), the plugin found through the installed package. */
const EMPTY_PROGRAM = `name: sinch-import
runtime: yaml
plugins:
  providers:
    - name: sinch
      path: node_modules/pulumi-sinch-voice/bin
`;

async function importProject(): Promise<Project> {
  const project = engine.projectWith(EMPTY_PROGRAM, modules);
  await project.stack({
    'sinch:applicationKey': APP_A.key,
    'sinch:applicationSecret': { secret: APP_A.secret },
    'sinch:baseUrl': simulator.url,
  });
  return project;
}

/** The body of a generated `resources:` block, to join several into one program. */
const resourcesBody = (generated: string) => generated.replace(/^resources:\n/, '');

it('pulumi import of both resources, then refresh, a preview of the generated code, and destroy', async () => {
  const project = await importProject();
  const existing = await simulatorState(simulator);
  const line = await project.pulumi([
    'import',
    'sinch:voice:NumberAssignment',
    'support-line',
    `${VOICE_ONLY_2}/voice`,
    '--yes',
    '--out',
    'line.yaml',
  ]);
  expect(line.stdout).toMatch(
    new RegExp(
      `sinch:voice:NumberAssignment \\(support-line\\):\\n\\s+pulumi-sinch-voice: \\${VOICE_ONLY_2} \\(voice\\) imported: bound to ${APP_B.key}; destroy leaves it bound`,
    ),
  );
  const callbacks = await project.pulumi([
    'import',
    'sinch:voice:ApplicationCallbacks',
    'support-callbacks',
    APP_B.key,
    '--yes',
    '--out',
    'callbacks.yaml',
  ]);
  expect(callbacks.stdout).toContain(
    `callbacks of ${APP_B.key} imported: primary https://voice.example.com/b, fallback https://backup.example.com/b; destroy leaves them`,
  );
  expect(await writes()).toEqual([]);

  // The generated code declares what exists, every value explicit.
  const generatedLine = readFileSync(join(project.directory, 'line.yaml'), 'utf8');
  const generatedCallbacks = readFileSync(join(project.directory, 'callbacks.yaml'), 'utf8');
  expect(generatedLine).toContain('type: sinch:voice:NumberAssignment');
  expect(generatedLine).toContain(`applicationKey: ${APP_B.key}`);
  expect(generatedLine).toContain(`number: '${VOICE_ONLY_2}'`);
  expect(generatedLine).toContain('capability: voice');
  expect(generatedCallbacks).toContain('type: sinch:voice:ApplicationCallbacks');
  expect(generatedCallbacks).toContain('primary: https://voice.example.com/b');
  expect(generatedCallbacks).toContain('fallback: https://backup.example.com/b');
  project.pulumiYaml = `${EMPTY_PROGRAM}resources:\n${resourcesBody(generatedLine)}${resourcesBody(generatedCallbacks)}`;

  // Recorded as found: adopted, with what held the number and the URLs.
  const state = await project.state();
  expect(resourcesOf(state, 'sinch:voice:NumberAssignment')['support-line']?.outputs).toMatchObject({
    adopted: true,
    foundApplicationKey: APP_B.key,
    applicationKey: APP_B.key,
  });
  expect(resourcesOf(state, 'sinch:voice:ApplicationCallbacks')['support-callbacks']?.outputs).toMatchObject({
    adopted: true,
    foundPrimary: 'https://voice.example.com/b',
    foundFallback: 'https://backup.example.com/b',
  });

  await project.pulumi(['refresh', '--yes', '--expect-no-changes']);
  await project.pulumi(['preview', '--expect-no-changes']);
  expect(await writes()).toEqual([]);

  // Imports are protected; a person lifts that before a destroy.
  await project.pulumi(['state', 'unprotect', '--all', '--yes']);
  await project.pulumi(['destroy', '--yes']);
  expect(await writes()).toEqual([]);
  expect(await simulatorState(simulator)).toEqual(existing);
});

it('the YAML import option: previewed as an import, imported with no write, left in place by destroy', async () => {
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
  await admin(simulator, 'DELETE', 'requests');
  const existing = await simulatorState(simulator);
  const project = await importProject();
  project.pulumiYaml = `${EMPTY_PROGRAM}resources:
  main-line:
    type: sinch:voice:NumberAssignment
    properties:
      number: "${VOICE_ONLY}"
    options:
      import: "${VOICE_ONLY}/voice"
`;
  const preview = await project.pulumi(['preview']);
  expect(preview.stdout).toMatch(/= 1 to import/);
  const up = await project.pulumi(['up', '--yes']);
  expect(up.stdout).toMatch(/= 1 imported/);
  expect(resourcesOf(await project.state(), 'sinch:voice:NumberAssignment')['main-line']?.outputs).toMatchObject({
    adopted: true,
    foundApplicationKey: APP_A.key,
  });
  await project.pulumi(['preview', '--expect-no-changes']);
  await project.pulumi(['destroy', '--yes']);
  expect(await writes()).toEqual([]);
  expect(await simulatorState(simulator)).toEqual(existing);
});
