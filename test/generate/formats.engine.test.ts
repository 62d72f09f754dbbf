/**
 * generate's formats for the plugin, through the engine and the plain CLI: `--format yaml` is a program whose first
 * `up` adopts everything with no write, and `--format import-file` is what `pulumi import --file` reads to write the
 * program itself. Either way a preview then shows nothing to do, and destroy unassigns and clears nothing.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator } from '../support/simulator';
import { Engine, REPOSITORY, resourcesOf, type Project } from '../plugin/cli';

jest.setTimeout(20 * 60_000);

const GENERATE = join(REPOSITORY, 'dist', 'provider', 'generate', 'cli.js');

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
  // What exists before any stack, made in the dashboard.
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' });
  await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, {
    primary: 'https://voice.example.com/a',
    fallback: 'https://backup.example.com/a',
  });
  await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://voice.example.com/b' });
  await admin(simulator, 'DELETE', 'requests');
});
afterEach(() => simulator.close());

const writes = async () =>
  (await admin<{ requests: Array<{ method: string }> }>(simulator, 'GET', 'requests')).requests.filter(
    (request) => request.method !== 'GET',
  );

/** `npx pulumi-sinch-voice generate --format <format> --output <file>` in the project, with the user's credentials. */
async function generate(project: Project, format: string, file: string): Promise<string> {
  const environment = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_')));
  const { stderr } = await promisify(execFile)(
    process.execPath,
    [GENERATE, 'generate', '--format', format, '--output', file, '--force'],
    {
      cwd: project.directory,
      env: {
        ...environment,
        SINCH_APPLICATION_KEY: APP_A.key,
        SINCH_APPLICATION_SECRET: APP_A.secret,
        SINCH_BASE_URL: simulator.url,
      },
    },
  );
  expectNoSecret(stderr, APP_A.secret);
  return stderr;
}

async function stack(project: Project): Promise<void> {
  await project.stack({
    'sinch:applicationKey': APP_A.key,
    'sinch:applicationSecret': { secret: APP_A.secret },
    'sinch:baseUrl': simulator.url,
  });
}

const EMPTY_PROGRAM = `name: sinch-voice
runtime: yaml
plugins:
  providers:
    - name: sinch
      path: node_modules/pulumi-sinch-voice/bin
`;

it('--format yaml: the program adopts everything with no write, previews clean, and destroy leaves everything', async () => {
  const existing = await simulatorState(simulator);
  const project = engine.projectWith(EMPTY_PROGRAM, modules);
  await generate(project, 'yaml', 'Pulumi.yaml');
  expect(project.pulumiYaml).toContain(`"number-${VOICE_AND_SMS}-sms":`);
  await stack(project);
  await project.pulumi(['up', '--yes']);
  expect(await writes()).toEqual([]);
  const state = await project.state();
  const numbers = resourcesOf(state, 'sinch:voice:NumberAssignment');
  expect(Object.keys(numbers).sort()).toEqual([`number-${VOICE_AND_SMS}-sms`, `number-${VOICE_ONLY}-voice`].sort());
  for (const resource of Object.values(numbers)) expect(resource.outputs).toMatchObject({ adopted: true });
  const callbacks = resourcesOf(state, 'sinch:voice:ApplicationCallbacks');
  expect(Object.keys(callbacks).sort()).toEqual([`callbacks-${APP_A.key}`, `callbacks-${APP_B.key}`].sort());
  await project.pulumi(['preview', '--expect-no-changes']);
  await project.pulumi(['destroy', '--yes']);
  expect(await writes()).toEqual([]);
  expect(await simulatorState(simulator)).toEqual(existing);
});

it('--format import-file: pulumi import --file writes the program, which previews clean; destroy leaves everything', async () => {
  const existing = await simulatorState(simulator);
  const project = engine.projectWith(EMPTY_PROGRAM, modules);
  await stack(project);
  const notes = await generate(project, 'import-file', 'import.json');
  expect(notes).toContain('2 NumberAssignments, 2 ApplicationCallbacks; importing records each one as adopted');
  await project.pulumi(['import', '--file', 'import.json', '--yes', '--out', 'generated.yaml']);
  expect(await writes()).toEqual([]);
  const generated = readFileSync(join(project.directory, 'generated.yaml'), 'utf8');
  expect(generated).toContain('type: sinch:voice:NumberAssignment');
  expect(generated).toContain('primary: https://voice.example.com/a');
  project.pulumiYaml = `${EMPTY_PROGRAM}${generated}`;
  await project.pulumi(['preview', '--expect-no-changes']);
  const numbers = resourcesOf(await project.state(), 'sinch:voice:NumberAssignment');
  expect(numbers[`number-${VOICE_ONLY}-voice`]?.outputs).toMatchObject({
    adopted: true,
    foundApplicationKey: APP_A.key,
  });
  // Imports are protected; a person lifts that before a destroy.
  await project.pulumi(['state', 'unprotect', '--all', '--yes']);
  await project.pulumi(['destroy', '--yes']);
  expect(await writes()).toEqual([]);
  expect(await simulatorState(simulator)).toEqual(existing);
});
