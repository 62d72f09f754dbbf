/**
 * Every behaviour of the two resources through the real Pulumi engine: the packed package installed in a scratch
 * project, the CLI from `npm run pulumi:ensure`, the Automation API, and a fresh simulator per scenario. Through
 * both front ends (frontEnds.ts): the dynamic resources and the native plugin; what only the dynamic resources have
 * (the serialized provider in the state) is tested for them alone.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_A, APP_B, expectNoSecret, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState, type PublicState } from '../support/simulator';
import { pack, scratchScenarios, type DeclaredProgram, type OperationResult, type StackConfig } from './engine';
import { DYNAMIC, FRONT_ENDS, type FrontEnd } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const SPARE_NUMBER = '+12016666666';
const PRIMARY_A = 'https://a.example.com/voice';
const FALLBACK_A = 'https://a-backup.example.com/voice';
const PRIMARY_B = 'https://b.example.com/voice';

const scenario = scratchScenarios('scenario', (simulator) =>
  admin(simulator, 'PUT', 'numbers', { number: SPARE_NUMBER }),
);

/** Several numbers across two applications, and callbacks for both. */
const FULL_PROGRAM: DeclaredProgram = {
  numbers: [
    { name: 'main-line', number: VOICE_ONLY },
    { name: 'support-line', number: VOICE_ONLY_2, applicationKey: APP_B.key },
    { name: 'sms-line', number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' },
  ],
  callbacks: [
    { name: 'callbacks-a', primary: PRIMARY_A, fallback: FALLBACK_A },
    { name: 'callbacks-b', applicationKey: APP_B.key, primary: PRIMARY_B },
  ],
};

const FULL_STATE: Pick<PublicState, 'bindings' | 'callbacks'> = {
  bindings: {
    [`${VOICE_ONLY}/voice`]: APP_A.key,
    [`${VOICE_ONLY_2}/voice`]: APP_B.key,
    [`${VOICE_AND_SMS}/sms`]: APP_B.key,
  },
  callbacks: { [APP_A.key]: { primary: PRIMARY_A, fallback: FALLBACK_A }, [APP_B.key]: { primary: PRIMARY_B } },
};

/** The scenario's operations through a front end, the full program and the signed credentials by default. */
function lifecycleOperations(frontEnd: FrontEnd) {
  const operations = stackOperations(scenario, frontEnd);
  const operate = (
    operation: 'up' | 'preview' | 'refresh' | 'destroy',
    program: DeclaredProgram = FULL_PROGRAM,
    config = operations.credentials(),
  ): Promise<OperationResult> => operations.operate(operation, program, config);
  const succeed = (
    operation: 'up' | 'preview' | 'refresh' | 'destroy',
    program: DeclaredProgram = FULL_PROGRAM,
    config = operations.credentials(),
  ) => operations.succeed(operation, program, config);
  return { ...operations, operate, succeed };
}

describe.each(FRONT_ENDS)('through the $name resources', (frontEnd) => {
  const { credentials, operate, succeed, bindingsAndCallbacks, apiRoutes, declared } = lifecycleOperations(frontEnd);

  it.each(['signed', 'basic'] as const)(
    '1, 2: up creates the declared bindings and callbacks (%s auth), and a preview right after is empty',
    async (auth) => {
      const summary = await succeed('up', FULL_PROGRAM, credentials(auth));
      expect(changes(summary)).toEqual({ create: 6 });
      expect(await bindingsAndCallbacks()).toEqual(FULL_STATE);
      expect(await succeed('preview', FULL_PROGRAM, credentials(auth))).toEqual({ same: 6 });
    },
  );

  it('3: refresh reports drift made in the dashboard, and the next up restores the declared state', async () => {
    await succeed('up');
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    await admin(scenario.simulator, 'PUT', `callbacks/${APP_A.key}`, { primary: 'https://someone-else.example.com' });
    const refresh = await operate('refresh');
    expect(refresh.ok).toBe(true);
    expect(changes(refresh.result!)).toMatchObject({ update: 2 });
    expect(refresh.stdout).toMatch(/main-line/);
    expect(refresh.stdout).toMatch(/callbacks-a/);
    expect(await succeed('preview')).toEqual({ same: 4, update: 2 });
    expect(changes(await succeed('up'))).toMatchObject({ update: 2 });
    expect(await bindingsAndCallbacks()).toEqual(FULL_STATE);
    expect(await succeed('preview')).toEqual({ same: 6 });
  });

  it('4: a binding unassigned out of band disappears on refresh and comes back on up', async () => {
    await succeed('up');
    await admin(scenario.simulator, 'DELETE', 'bindings', { number: VOICE_ONLY_2 });
    expect(changes(await succeed('refresh'))).toMatchObject({ delete: 1 });
    expect(changes(await succeed('up'))).toMatchObject({ create: 1 });
    expect(await bindingsAndCallbacks()).toEqual(FULL_STATE);
  });

  it('5: a new application is an in-place update; a new number is a replace', async () => {
    await succeed('up');
    const moved: DeclaredProgram = {
      ...FULL_PROGRAM,
      numbers: FULL_PROGRAM.numbers.map((declared) =>
        declared.name === 'main-line' ? { ...declared, applicationKey: APP_B.key } : declared,
      ),
    };
    expect(changes(await succeed('up', moved))).toEqual({ same: 5, update: 1 });
    expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);

    const renumbered: DeclaredProgram = {
      ...moved,
      numbers: moved.numbers.map((declared) =>
        declared.name === 'support-line' ? { ...declared, number: SPARE_NUMBER } : declared,
      ),
    };
    expect(changes(await succeed('up', renumbered))).toEqual({ same: 5, replace: 1 });
    const { bindings } = await simulatorState(scenario.simulator);
    expect(bindings[`${SPARE_NUMBER}/voice`]).toBe(APP_B.key);
    expect(bindings[`${VOICE_ONLY_2}/voice`]).toBeUndefined();
  });

  it('6: adopt a number already bound to the declared app; refuse one bound to another app unless allowReassign', async () => {
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    const adopt: DeclaredProgram = { numbers: [{ name: 'adopted', number: VOICE_ONLY }], callbacks: [] };
    await succeed('up', adopt);
    expect(await apiRoutes()).not.toContain('POST /v1/configuration/numbers');

    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key });
    const guarded: DeclaredProgram = {
      numbers: [...adopt.numbers, { name: 'taken', number: VOICE_ONLY_2 }],
      callbacks: [],
    };
    const refused = await operate('up', guarded);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(`bound to application ${APP_B.key}`);
    expect(refused.message).toMatch(/allowReassign: true/);
    expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY_2}/voice`]).toBe(APP_B.key);

    const allowed: DeclaredProgram = {
      numbers: [...adopt.numbers, { name: 'taken', number: VOICE_ONLY_2, allowReassign: true }],
      callbacks: [],
    };
    await succeed('up', allowed);
    expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY_2}/voice`]).toBe(APP_A.key);
  });

  it('7: destroy undoes what the stack owns and leaves alone a number moved after the last up', async () => {
    await succeed('up');
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_A.key });
    const destroy = await operate('destroy');
    expect(destroy.ok).toBe(true);
    expect(destroy.stdout).toMatch(
      new RegExp(`\\${VOICE_ONLY_2} \\(voice\\) left alone: it is bound to ${APP_A.key} now`),
    );
    // A line the person should check: shown as a warning.
    expect(destroy.stdout).toMatch(
      frontEnd.warning(
        'NumberAssignment',
        'support-line',
        `${VOICE_ONLY_2} (voice) left alone: it is bound to ${APP_A.key} now`,
      ),
    );
    expect(await bindingsAndCallbacks()).toEqual({ bindings: { [`${VOICE_ONLY_2}/voice`]: APP_A.key }, callbacks: {} });
  });

  it("7: after a refresh that recorded someone else's changes, destroy still leaves them alone", async () => {
    await succeed('up');
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_A.key });
    await admin(scenario.simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://theirs.example.com' });
    expect(changes(await succeed('refresh'))).toMatchObject({ update: 2 });
    await succeed('destroy');
    expect(await bindingsAndCallbacks()).toEqual({
      bindings: { [`${VOICE_ONLY_2}/voice`]: APP_A.key },
      callbacks: { [APP_B.key]: { primary: 'https://theirs.example.com' } },
    });
  });

  describe('8: state', () => {
    it("no application secret in the exported state or the backend; the state as the front end writes it (dynamic: each __provider a one-line require of the installed shim, each source position the program's line; plugin: the secret encrypted in the default provider)", async () => {
      await succeed('up');
      const exported = await scenario.project.exportState(scenario.stack);
      expectNoSecret(exported, APP_A.secret);
      const backendFiles = readdirSync(join(scenario.project.directory, '..', 'backend'), {
        recursive: true,
        withFileTypes: true,
      }).filter((entry) => entry.isFile());
      expect(backendFiles.length).toBeGreaterThan(0);
      for (const file of backendFiles)
        expectNoSecret(readFileSync(join(file.parentPath, file.name), 'utf8'), APP_A.secret);

      const resources = (
        JSON.parse(exported) as {
          deployment: {
            resources: Array<{
              type: string;
              inputs?: Record<string, unknown>;
              outputs?: Record<string, unknown>;
              sourcePosition?: string;
            }>;
          };
        }
      ).deployment.resources;
      const types = [frontEnd.type('NumberAssignment'), frontEnd.type('ApplicationCallbacks')];
      expect(resources.filter((resource) => types.includes(resource.type))).toHaveLength(5);
      if (frontEnd !== DYNAMIC) {
        // The plugin's resources carry no code; the secret is the default provider's input, stored encrypted.
        for (const resource of resources) expect(JSON.stringify(resource)).not.toContain('__provider');
        const provider = resources.find((resource) => resource.type === 'pulumi:providers:sinch');
        for (const side of [provider?.inputs, provider?.outputs])
          expect(side?.applicationSecret).toEqual({
            '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
            ciphertext: expect.any(String),
          });
        return;
      }
      const dynamic = resources.filter((resource) => resource.type.startsWith('pulumi-nodejs:dynamic/sinch:'));
      expect(dynamic).toHaveLength(5);
      for (const resource of dynamic) {
        // Stored twice and written at every checkpoint: the loader alone, not the serializer's scaffolding around it.
        const loader = `exports.handler = () => require("pulumi-sinch-voice/shims/${resource.type.split(':').at(-1)}");\n`;
        for (const side of [resource.inputs, resource.outputs]) expect(side?.__provider).toBe(loader);
        // The program's line that declared it (driver.js), as for any provider's resource class.
        expect(resource.sourcePosition).toMatch(/\/driver\.js#[0-9]+,[0-9]+$/);
      }
    });
  });

  describe('9: configuration', () => {
    it('credentials from environment variables work', async () => {
      const onlyUrl: StackConfig = { 'sinch:baseUrl': { value: scenario.simulator.url } };
      const environment = { SINCH_APPLICATION_KEY: APP_B.key, SINCH_APPLICATION_SECRET: APP_B.secret };
      // callbacks-a names no application, so it takes APP_B from the environment: callbacks-b would manage the same callbacks.
      const program = {
        ...FULL_PROGRAM,
        callbacks: FULL_PROGRAM.callbacks.filter((callbacks) => callbacks.name !== 'callbacks-b'),
      };
      const outcome = await scenario.project.operate('up', scenario.stack, declared(program), onlyUrl, environment);
      expect(outcome.message ?? '').toBe('');
      expect(outcome).toMatchObject({ ok: true });
      // Defaults come from the environment too: main-line goes to APP_B, the credentials' application.
      expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
      expect(
        (await admin<{ requests: Array<{ caller: string }> }>(scenario.simulator, 'GET', 'requests')).requests.every(
          (entry) => entry.caller === APP_B.key,
        ),
      ).toBe(true);
    });

    it('missing credentials: one clear error, before any API call', async () => {
      const outcome = await operate('up', FULL_PROGRAM, {
        'sinch:baseUrl': { value: scenario.simulator.url },
        'sinch:applicationKey': { value: APP_A.key },
      });
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toMatch(frontEnd.missingSecret);
      // The dynamic resources: the program stops before any resource is registered, the stack's one error, not one
      // per resource. The plugin: the default provider's CheckConfig fails, and no resource reaches the provider.
      expect(outcome.message).not.toMatch(frontEnd.perResourceError);
      expect(await apiRoutes()).toEqual([]);
    });
  });
});

// The dynamic resources only: a refresh runs the installed package's code rather than the code the state captured.
// The plugin runs the installed package by construction (the engine starts the installed executable).
describe("8: the dynamic resources' serialized provider", () => {
  const { operate, succeed } = lifecycleOperations(DYNAMIC);

  it('a rebuilt package with changed internals: empty preview, and refresh runs the installed code', async () => {
    await succeed('up');
    const workspace = mkdtempSync(join(tmpdir(), 'sinch-rebuilt-'));
    cpSync(scenario.project.packageDirectory, join(workspace, 'package'), { recursive: true, dereference: true });
    const manifestPath = join(workspace, 'package', 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
    writeFileSync(
      manifestPath,
      JSON.stringify({ ...manifest, version: `${manifest.version}-rebuilt`, scripts: {} }, null, 2),
    );
    const implementation = join(workspace, 'package', 'dist', 'provider', 'implementation', 'index.js');
    writeFileSync(
      implementation,
      readFileSync(implementation, 'utf8').replace(
        'async function dispatch(kind, method, args) {',
        'async function dispatch(kind, method, args) {\n    if (method === "read") console.log("rebuilt internals ran read");',
      ),
    );
    expect(readFileSync(implementation, 'utf8')).toContain('rebuilt internals ran read');
    await scenario.project.install(await pack(join(workspace, 'package'), workspace));
    try {
      expect(await succeed('preview')).toEqual({ same: 6 });
      const refresh = await operate('refresh');
      expect(refresh.ok).toBe(true);
      expect(refresh.stdout).toContain('rebuilt internals ran read');
    } finally {
      await scenario.project.install(await pack(join(__dirname, '..', '..'), workspace));
    }
  });
});
