/**
 * Upgrade from recorded states: the stacks that release 0.1.0 wrote (test/upgrade/fixtures, made by record.ts, whose
 * header says how), taken over by today's packed package through the real engine, for each front end.
 *
 * Each scenario starts a simulator whose state is the one recorded with the stack, makes a stack in a scratch project
 * from the recorded Pulumi.<stack>.yaml (its encryptionsalt, and the passphrase recorded with it, decrypt the state's
 * secrets) and `pulumi stack import`s the recorded state. One edit is made to the recording before that: the API
 * address (`sinch:baseUrl`, in the configuration and in the default provider's inputs and outputs, where the engine
 * keeps it for refresh and destroy) becomes the new simulator's, as a user's stack keeps talking to the one Sinch
 * API. Then, with today's code and 0.1.0's program, in the order record.ts ran them with 0.1.0:
 *
 * - `preview` shows no change (0.1.0's own preview of the state: only `same`), and writes nothing;
 * - `refresh` changes nothing: its summary is only `same`, nothing is written, and the exported state after it is the
 *   state before it, inputs and outputs included, but for the `propertyDependencies` that the engine's refresh drops
 *   (Pulumi 3.274.1 drops them after 0.1.0's own refresh too: state-after-refresh.json); and it is 0.1.0's own
 *   state after its refresh. Secrets are compared decrypted, or with their ciphertext masked, as each encryption of
 *   a secret draws a fresh nonce;
 * - `destroy` does what 0.1.0's own destroy of the same state did (recorded): the created binding unassigned, the
 *   adopted and imported ones left bound, the taken one given back to the application it was found on, the callback
 *   URLs put back to those found, with the same writes.
 *
 * And a copy of the recorded state whose application keys are written without dashes or in capitals (as a release
 * that stored keys as written would have left them) still previews with no change.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { isolatedPulumiEnvironment } from '../../scripts/pulumiEnvironment';
import { APP_A, APP_B, SMS_ONLY, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState, type PublicState } from '../support/simulator';
import { ScratchProject, type DeclaredProgram, type StackConfig } from '../e2e/engine';
import { FRONT_ENDS, type FrontEnd, type FrontEndName } from '../e2e/frontEnds';

jest.setTimeout(10 * 60_000);

const run = promisify(execFile);
const FIXTURES = join(__dirname, 'fixtures');
const fixture = <T>(path: string): T => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as T;

type Changes = Record<string, number>;
interface RecordedFrontEnd {
  stack: string;
  program: DeclaredProgram;
  preview: Changes;
  previewWrites: Changes;
  refresh: Changes;
  refreshWrites: Changes;
  destroy: Changes;
  destroyWrites: Changes;
  /** The dynamic resources only: the `import` option tried in a stack of its own. */
  importAttempt?: { error: string; simulatorUnchanged: boolean };
}
interface Recording {
  release: string;
  passphrase: string;
  project: string;
  callbacksBefore: { primary: string; fallback: string };
  frontEnds: Record<FrontEndName, RecordedFrontEnd>;
}
interface Resource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [field: string]: unknown;
}
interface Deployment {
  version: number;
  deployment: { manifest: Record<string, unknown>; resources: Resource[]; [field: string]: unknown };
}

const RECORDING = fixture<Recording>('recording.json');
const SECRETS = new Map([APP_A, APP_B].map((application) => [application.key, application.secret]));

let project: ScratchProject;
/** The scratch project's engine variables, for the CLI commands that the driver has no operation for. */
let environment: NodeJS.ProcessEnv;
const simulators: RunningSimulator[] = [];
const temporary: string[] = [];

beforeAll(async () => {
  project = await ScratchProject.create();
  // ScratchProject's own variables: the recorded passphrase is ScratchProject's ('e2e-passphrase'), which the driver's
  // operations use; a recording made with another would fail them to decrypt the state.
  environment = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_'))),
    ...isolatedPulumiEnvironment(project.cli, dirname(project.directory), RECORDING.passphrase),
  };
});
afterAll(() => {
  project?.remove();
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
});

const pulumi = async (...args: string[]): Promise<string> =>
  (await run(project.cli, [...args, '--cwd', project.directory], { env: environment, maxBuffer: 64 << 20 })).stdout;

/** The recorded fixtures of a front end. */
function recorded(frontEnd: FrontEnd) {
  const entry = RECORDING.frontEnds[frontEnd.name];
  const directory = frontEnd.name;
  const stackConfig = readFileSync(join(FIXTURES, directory, `Pulumi.${entry.stack}.yaml`), 'utf8');
  return {
    ...entry,
    program: { ...entry.program, frontEnd: frontEnd.name } as DeclaredProgram,
    stackConfig,
    /** The API address the recording ran against, as the stack's configuration holds it. */
    baseUrl: /^ {2}sinch:baseUrl: (\S+)$/m.exec(stackConfig)?.[1] as string,
    /** `pulumi stack export` right after 0.1.0's up. */
    state: fixture<Deployment>(`${directory}/state.json`),
    /** After 0.1.0's own preview and refresh of it. */
    stateAfterRefresh: fixture<Deployment>(`${directory}/state-after-refresh.json`),
    /** The simulator's state before 0.1.0's up: what its creates found. */
    beforeUp: fixture<PublicState>(`${directory}/simulator-before-up.json`),
    /** Right after 0.1.0's up. */
    afterUp: fixture<PublicState>(`${directory}/simulator.json`),
    /** After 0.1.0's own destroy. */
    afterDestroy: fixture<PublicState>(`${directory}/simulator-after-destroy.json`),
  };
}

/** A simulator whose state is the recorded one (GET /_sim/state shows no secrets: the applications' are the fixtures'). */
async function simulatorWith(state: PublicState): Promise<RunningSimulator> {
  const directory = mkdtempSync(join(tmpdir(), 'sinch-upgrade-'));
  temporary.push(directory);
  const file = join(directory, 'state.json');
  const applications = state.applications.map(({ key }) => ({ key, secret: SECRETS.get(key) as string }));
  writeFileSync(file, JSON.stringify({ version: 1, ...state, applications }), { mode: 0o600 });
  const simulator = await startSimulator({ stateFile: file });
  simulators.push(simulator);
  return simulator;
}

/** A recorded state with the recording's API address replaced by `to`, wherever it appears (the default provider). */
function pointedAt(state: Deployment, from: string, to: string): Deployment {
  const text = JSON.stringify(state);
  const quoted = JSON.stringify(from);
  expect(text.split(quoted).length - 1).toBeGreaterThan(0);
  return JSON.parse(text.split(quoted).join(JSON.stringify(to))) as Deployment;
}

interface Restored extends ReturnType<typeof recorded> {
  simulator: RunningSimulator;
  config: StackConfig;
  /** The state as it was imported. */
  imported: Deployment;
}

/**
 * A stack of the scratch project holding the recorded state of the front end (after `edit`, when given), its
 * configuration restored from the recorded Pulumi.<stack>.yaml, against a simulator in the recorded state.
 */
async function restore(frontEnd: FrontEnd, edit: (state: Deployment) => Deployment = (state) => state) {
  const fixtures = recorded(frontEnd);
  const simulator = await simulatorWith(fixtures.afterUp);
  const { stack } = fixtures;
  // The state's URNs name the stack: a stack of that name from an earlier scenario goes first.
  await pulumi('stack', 'rm', '--force', '--yes', stack).catch(() => undefined);
  rmSync(join(project.directory, `.e2e-config-${stack}`), { force: true });
  writeFileSync(join(project.directory, 'Pulumi.yaml'), `name: ${RECORDING.project}\nruntime: nodejs\n`);
  writeFileSync(
    join(project.directory, `Pulumi.${stack}.yaml`),
    fixtures.stackConfig.split(fixtures.baseUrl).join(simulator.url),
  );
  // `stack init` keeps the encryptionsalt of the configuration file that is there.
  await pulumi('stack', 'init', stack);
  // The recorded configuration, its secret decrypted with the recorded passphrase and encryptionsalt.
  const config = JSON.parse(await pulumi('config', '--show-secrets', '--json', '--stack', stack)) as StackConfig;
  expect(config).toEqual({
    'sinch:applicationKey': { value: APP_A.key, secret: false },
    'sinch:applicationSecret': { value: APP_A.secret, secret: true },
    'sinch:auth': { value: 'signed', secret: false },
    'sinch:baseUrl': { value: simulator.url, secret: false },
  });
  const imported = edit(pointedAt(fixtures.state, fixtures.baseUrl, simulator.url));
  const file = join(dirname(project.directory), `${stack}.import.json`);
  writeFileSync(file, JSON.stringify(imported));
  await pulumi('stack', 'import', '--stack', stack, '--file', file);
  unlinkSync(file);
  await admin(simulator, 'DELETE', 'requests');
  const restored: Restored = { ...fixtures, simulator, config, imported };
  return restored;
}

/** One operation of the driver on the restored stack, with 0.1.0's program; fails with the engine's words. */
async function succeed(restored: Restored, operation: 'preview' | 'refresh' | 'destroy'): Promise<Changes> {
  const outcome = await project.operate(operation, restored.stack, restored.program, restored.config);
  if (!outcome.ok) throw new Error(`${operation} failed: ${outcome.message}`);
  const result = outcome.result as Record<string, unknown>;
  return (operation === 'preview' ? result : result.resourceChanges) as Changes;
}

/** The API writes (POST, DELETE) that the simulator logged since the last call, by route; the log is cleared. */
async function writes(simulator: RunningSimulator): Promise<Changes> {
  const { requests } = await admin<{ requests: Array<{ route: string }> }>(simulator, 'GET', 'requests');
  await admin(simulator, 'DELETE', 'requests');
  const counts: Changes = {};
  for (const { route } of requests) {
    if (/^(POST|DELETE) \/v1\/configuration\//.test(route)) counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

/** The resources of a state, by URN (the deployment's manifest, which says when and by which CLI, left out). */
const resourcesOf = (state: Deployment): Record<string, Resource> =>
  Object.fromEntries(state.deployment.resources.map((resource) => [resource.urn, resource]));

/** The same without `propertyDependencies`, which the engine's refresh drops (for 0.1.0's refresh too). */
const withoutPropertyDependencies = (resources: Record<string, Resource>): Record<string, Resource> =>
  Object.fromEntries(
    Object.entries(resources).map(([urn, { propertyDependencies: _dropped, ...resource }]) => [urn, resource]),
  );

const exported = async (stack: string): Promise<Deployment> =>
  JSON.parse(await project.exportState(stack)) as Deployment;

/** The exported state with its secrets decrypted (`--show-secrets`). */
const decrypted = async (stack: string): Promise<Deployment> =>
  JSON.parse(await pulumi('stack', 'export', '--show-secrets', '--stack', stack)) as Deployment;

/** The state with each secret's ciphertext masked: each encryption of a secret draws a fresh nonce. */
const SECRET_SIGNATURE = '4dabf18193072939515e22adb298388d';
const masked = (state: Deployment): Deployment =>
  JSON.parse(JSON.stringify(state), (_key, value: unknown) =>
    value && typeof value === 'object' && SECRET_SIGNATURE in value && 'ciphertext' in value
      ? { ...value, ciphertext: '[ciphertext]' }
      : value,
  ) as Deployment;

/** Whether a resource of a state is one of the front end's (NumberAssignment or ApplicationCallbacks). */
const ofFrontEnd = (frontEnd: FrontEnd) => (resource: Resource) =>
  resource.type === frontEnd.type('NumberAssignment') || resource.type === frontEnd.type('ApplicationCallbacks');

/** The outputs of the front end's resource `name` in a state. */
const outputsOf = (state: Deployment, frontEnd: FrontEnd, name: string): Record<string, unknown> | undefined =>
  state.deployment.resources.filter(ofFrontEnd(frontEnd)).find((resource) => resource.urn.endsWith(`::${name}`))
    ?.outputs;

describe.each(FRONT_ENDS)('a stack that 0.1.0 wrote, through $name', (frontEnd) => {
  it('the recording holds what 0.1.0 recorded of each ownership, and what its own operations did', () => {
    const fixtures = recorded(frontEnd);
    const { state } = fixtures;
    expect(outputsOf(state, frontEnd, 'created')).toMatchObject({ adopted: false, assignedApplicationKey: APP_A.key });
    expect(outputsOf(state, frontEnd, 'created')).not.toHaveProperty('foundApplicationKey');
    expect(outputsOf(state, frontEnd, 'adopted')).toMatchObject({ adopted: true, foundApplicationKey: APP_A.key });
    expect(outputsOf(state, frontEnd, 'taken')).toMatchObject({ adopted: false, foundApplicationKey: APP_B.key });
    expect(outputsOf(state, frontEnd, 'callbacks')).toMatchObject({
      adopted: false,
      foundPrimary: RECORDING.callbacksBefore.primary,
      foundFallback: RECORDING.callbacksBefore.fallback,
    });
    if (frontEnd.name === 'plugin')
      expect(outputsOf(state, frontEnd, 'imported')).toMatchObject({ adopted: true, foundApplicationKey: APP_B.key });
    else {
      // The engine cannot import a dynamic resource (docs/concepts.md, "Why adoption needs no opt-in"); record.ts tried.
      expect(outputsOf(state, frontEnd, 'imported')).toBeUndefined();
      expect(fixtures.importAttempt).toMatchObject({
        error: 'error: code must be a string, not undefined',
        simulatorUnchanged: true,
      });
    }
    expect(fixtures.beforeUp.bindings).toEqual({
      [`${VOICE_ONLY_2}/voice`]: APP_A.key,
      [`${VOICE_AND_SMS}/sms`]: APP_B.key,
      [`${SMS_ONLY}/sms`]: APP_B.key,
    });
    expect(fixtures.afterUp.bindings).toEqual({
      [`${VOICE_ONLY}/voice`]: APP_A.key,
      [`${VOICE_ONLY_2}/voice`]: APP_A.key,
      [`${VOICE_AND_SMS}/sms`]: APP_B.key,
      [`${SMS_ONLY}/sms`]: APP_A.key,
    });
    // 0.1.0's own preview and refresh of it found nothing to do; its destroy put back everything its up had found.
    expect(Object.keys(fixtures.preview)).toEqual(['same']);
    expect(fixtures.refresh).toEqual(fixtures.preview);
    expect(fixtures.afterDestroy).toEqual(fixtures.beforeUp);
  });

  it('preview shows no change, refresh changes nothing, and destroy does what 0.1.0’s destroy did', async () => {
    const restored = await restore(frontEnd);
    const { simulator } = restored;
    // The import keeps the recorded state (its secrets encrypted anew).
    expect(resourcesOf(masked(await exported(restored.stack)))).toEqual(resourcesOf(masked(restored.imported)));
    const before = await decrypted(restored.stack);
    expect(JSON.stringify(before)).toContain(JSON.stringify(JSON.stringify(APP_A.secret)));

    // Preview: only `same`, as 0.1.0's own preview of this state; nothing written.
    expect(await succeed(restored, 'preview')).toEqual(restored.preview);
    expect(Object.keys(restored.preview)).toEqual(['same']);
    expect(await writes(simulator)).toEqual({});

    // Refresh: nothing changes, in the summary, the API, or the state (inputs and outputs included).
    expect(await succeed(restored, 'refresh')).toEqual(restored.refresh);
    expect(await writes(simulator)).toEqual({});
    expect(await simulatorState(simulator)).toEqual(restored.afterUp);
    const refreshed = await decrypted(restored.stack);
    expect(resourcesOf(refreshed)).toEqual(withoutPropertyDependencies(resourcesOf(before)));
    // ... and it is the state that 0.1.0's own refresh left.
    expect(resourcesOf(masked(await exported(restored.stack)))).toEqual(
      resourcesOf(masked(pointedAt(restored.stateAfterRefresh, restored.baseUrl, simulator.url))),
    );

    // Destroy: what 0.1.0's destroy of the same state did, binding by binding and write by write.
    expect(await succeed(restored, 'destroy')).toEqual(restored.destroy);
    const after = await simulatorState(simulator);
    expect({
      created: after.bindings[`${VOICE_ONLY}/voice`],
      adopted: after.bindings[`${VOICE_ONLY_2}/voice`],
      imported: after.bindings[`${VOICE_AND_SMS}/sms`],
      taken: after.bindings[`${SMS_ONLY}/sms`],
      callbacks: after.callbacks[APP_A.key],
    }).toEqual({
      created: undefined, // unbound before the stack: unassigned
      adopted: APP_A.key, // bound to A before: left bound
      imported: APP_B.key, // imported (plugin), or not the stack's (dynamic): left bound
      taken: APP_B.key, // taken from B: given back to B
      callbacks: RECORDING.callbacksBefore, // the URLs found: put back
    });
    expect(after).toEqual(restored.afterDestroy);
    expect(await writes(simulator)).toEqual(restored.destroyWrites);
  });

  it('a state whose application keys are written without dashes or in capitals previews with no change', async () => {
    const forms = [
      (key: string) => key.replace(/-/g, ''),
      (key: string) => key.toUpperCase(),
      (key: string) => key.replace(/-/g, '').toUpperCase(),
    ];
    // Each occurrence of a key in the next form, so that the forms mix within a resource and across resources.
    const edited: string[] = [];
    const rewrite = (key: string) => {
      const form = forms[edited.length % forms.length] as (key: string) => string;
      edited.push(form(key));
      return form(key);
    };
    const restored = await restore(frontEnd, (state) => {
      const copy = structuredClone(state);
      for (const resource of copy.deployment.resources.filter(ofFrontEnd(frontEnd))) {
        for (const properties of [resource.inputs ?? {}, resource.outputs ?? {}]) {
          for (const name of Object.keys(properties).filter((property) => /applicationKey$/i.test(property)))
            properties[name] = rewrite(properties[name] as string);
        }
        // An ApplicationCallbacks' id is its application key.
        if (resource.type === frontEnd.type('ApplicationCallbacks')) resource.id = rewrite(resource.id as string);
      }
      return copy;
    });
    // Every form is there, for both applications, and no key of the resources is left in the issued form.
    for (const form of forms) expect(edited).toContain(form(APP_A.key));
    expect(edited.some((value) => [APP_B.key.replace(/-/g, ''), APP_B.key.toUpperCase()].includes(value))).toBe(true);
    const keys = restored.imported.deployment.resources
      .filter(ofFrontEnd(frontEnd))
      .flatMap((resource) => [resource.inputs ?? {}, resource.outputs ?? {}])
      .flatMap((properties) => Object.entries(properties).filter(([name]) => /applicationKey$/i.test(name)))
      .map(([, value]) => value);
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((value) => value === APP_A.key || value === APP_B.key)).toEqual([]);
    expect(await succeed(restored, 'preview')).toEqual(restored.preview);
    expect(await writes(restored.simulator)).toEqual({});
  });
});
