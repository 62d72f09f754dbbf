/**
 * examples/yaml-basic and examples/yaml-two-applications through the plain CLI (`pulumi preview`, `up`, `refresh`,
 * `destroy` in the project directory, no Automation API), the YAML language host and the native plugin installed
 * from the packed package, against a fresh simulator: what the API holds after each step, drift found by refresh,
 * the provider's lines under their resource, two providers each acting with its own credentials, a bad setting
 * refused before any API call, and the application secret nowhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator, type PublicState } from '../support/simulator';
import { Engine, resourcesOf, type Outcome } from './cli';

jest.setTimeout(20 * 60_000);

let engine: Engine;
let modules: string;
let simulator: RunningSimulator;
let initial: PublicState;

beforeAll(async () => {
  engine = await Engine.create();
  modules = await engine.installPackage();
});
afterAll(() => engine?.remove());
/** The numbers the examples declare, as in the README and docs/plugin.md. */
const MAIN = '+12015550100';
const SUPPORT = '+12015550101';

beforeEach(async () => {
  simulator = await startTestSimulator();
  for (const number of [MAIN, SUPPORT]) await admin(simulator, 'PUT', 'numbers', { number, capabilities: ['voice'] });
  initial = await simulatorState(simulator);
});
afterEach(() => simulator.close());

interface Request {
  method: string;
  path: string;
  route: string;
  caller?: string;
}

const requests = async () => (await admin<{ requests: Request[] }>(simulator, 'GET', 'requests')).requests;
const writes = async () => (await requests()).filter((request) => request.method !== 'GET');
const forget = () => admin(simulator, 'DELETE', 'requests');

/** The simulator's state with callbacks that hold no URL left out: "none set" however the API came to it. */
const comparable = (state: PublicState) => ({
  ...state,
  callbacks: Object.fromEntries(
    Object.entries(state.callbacks).filter(([, urls]) => urls.primary !== undefined || urls.fallback !== undefined),
  ),
});

/** What a person reads in the terminal, both streams. */
const printed = (outcome: Outcome) => `${outcome.stdout}\n${outcome.stderr}`;

/** The line the provider wrote under the resource, in the Diagnostics of the CLI's output. */
const underResource = (type: string, name: string, line: string | RegExp) =>
  new RegExp(
    `${type} \\(${name}\\):\\n\\s+${typeof line === 'string' ? line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : line.source}`,
  );

const basicConfig = () => ({
  'sinch:applicationKey': APP_A.key,
  'sinch:applicationSecret': { secret: APP_A.secret },
  'sinch:baseUrl': simulator.url,
});

describe('examples/yaml-basic', () => {
  it('preview, up, preview, refresh after dashboard drift, up, destroy', async () => {
    const project = engine.project('yaml-basic', modules);
    await project.stack(basicConfig());

    const preview = await project.pulumi(['preview']);
    expect(preview.stdout).toMatch(/\+ 3 to create/);
    expect(await writes()).toEqual([]);

    await project.pulumi(['up', '--yes']);
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${MAIN}/voice`]: APP_A.key });
    expect((await simulatorState(simulator)).callbacks).toEqual({
      [APP_A.key]: { primary: 'https://voice.example.com/sinch' },
    });
    expect(await project.outputs()).toEqual({
      number: MAIN,
      application: APP_A.key,
      adopted: false,
      primary: 'https://voice.example.com/sinch',
      // Listed once main-line was created: its applicationKey output is the argument.
      listed: [{ number: MAIN, capability: 'voice', applicationKey: APP_A.key }],
    });

    await forget();
    await project.pulumi(['preview', '--expect-no-changes']);
    expect(await writes()).toEqual([]);

    // Someone moves the number and changes the URL in the dashboard.
    await admin(simulator, 'PUT', 'bindings', { number: MAIN, applicationKey: APP_B.key });
    await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, { primary: 'https://dashboard.example.com/' });
    const refresh = await project.pulumi(['refresh', '--yes', '--diff']);
    expect(refresh.stdout).toContain(`applicationKey: "${APP_A.key}" => "${APP_B.key}"`);
    expect(refresh.stdout).toContain('primary: "https://voice.example.com/sinch" => "https://dashboard.example.com/"');
    expect(refresh.stdout).toMatch(/~ 2 updated/);
    const refreshed = resourcesOf(await project.state(), 'sinch:voice:NumberAssignment');
    expect(refreshed['main-line']?.outputs).toMatchObject({
      applicationKey: APP_B.key,
      assignedApplicationKey: APP_A.key,
    });
    expect(refreshed['main-line']?.inputs).toMatchObject({ applicationKey: APP_B.key });

    // The next up shows the drift and puts the declaration back.
    const restore = await project.pulumi(['up', '--yes']);
    expect(restore.stdout).toMatch(/~ 2 updated/);
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${MAIN}/voice`]: APP_A.key });
    expect((await simulatorState(simulator)).callbacks[APP_A.key]).toEqual({
      primary: 'https://voice.example.com/sinch',
    });

    await project.pulumi(['destroy', '--yes']);
    expect(comparable(await simulatorState(simulator))).toEqual(comparable(initial));
  });

  it('adoption and the rename hand-over are said under their resource; destroy leaves what was there before', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: MAIN, applicationKey: APP_A.key });
    const before = await simulatorState(simulator);
    const project = engine.project('yaml-basic', modules);
    await project.stack(basicConfig());

    const up = await project.pulumi(['up', '--yes']);
    expect(up.stdout).toMatch(
      underResource(
        'sinch:voice:NumberAssignment',
        'main-line',
        `pulumi-sinch-voice: ${MAIN} (voice) adopted: already bound to ${APP_A.key}`,
      ),
    );
    expect(await project.outputs()).toMatchObject({ adopted: true });

    // A rename without an alias: the new resource adopts, the old one's delete leaves the binding to it.
    project.pulumiYaml = project.pulumiYaml.replaceAll('main-line', 'front-desk');
    await forget();
    const renamed = await project.pulumi(['up', '--yes']);
    expect(renamed.stdout).toMatch(
      underResource(
        'sinch:voice:NumberAssignment',
        'main-line',
        `pulumi-sinch-voice: ${MAIN} (voice) left as it is: another resource of this stack took it over`,
      ),
    );
    expect((await writes()).filter((request) => request.route.includes('numbers'))).toEqual([]);
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${MAIN}/voice`]: APP_A.key });

    const destroy = await project.pulumi(['destroy', '--yes']);
    expect(destroy.stdout).toMatch(
      underResource(
        'sinch:voice:NumberAssignment',
        'front-desk',
        `pulumi-sinch-voice: ${MAIN} (voice) stays bound to ${APP_A.key}: it was bound so before this stack adopted it`,
      ),
    );
    expect(comparable(await simulatorState(simulator))).toEqual(comparable(before));
  });

  it("a bad setting fails the provider's CheckConfig, before any API call, naming the key; a bad secret is not shown", async () => {
    const project = engine.project('yaml-basic', modules);
    await project.stack({ ...basicConfig(), 'sinch:auth': 'hmac' });
    const outcome = await project.run(['up', '--yes']);
    expect(outcome.code).not.toBe(0);
    expect(outcome.stdout).toContain(
      `pulumi:providers:sinch resource 'default': property auth value {hmac} has a problem: sinch:auth must be one of signed, basic`,
    );
    expect(await requests()).toEqual([]);
    expectNoSecret(printed(outcome), APP_A.secret);

    const badSecret = 'not-base64!!7f3a9c';
    await project.pulumi(['config', 'rm', 'sinch:auth']);
    await project.pulumi(['config', 'set', '--secret', 'sinch:applicationSecret', '--', badSecret]);
    const refused = await project.run(['preview']);
    expect(refused.code).not.toBe(0);
    // Under no property: the engine would print the value beside a property, and this value is the secret.
    expect(refused.stdout).toContain(
      "pulumi:providers:sinch resource 'default' has a problem: sinch:applicationSecret must be the base64 value",
    );
    expectNoSecret(printed(refused), badSecret);
    expect(await requests()).toEqual([]);
  });
});

describe('examples/yaml-two-applications', () => {
  const SECRET_FORMS = [APP_A.secret, APP_B.secret];

  /** Every file the engine wrote for the stack: the backend (state, history, backups) and the project's own. */
  function engineFiles(projectDirectory: string): Array<[string, string]> {
    const roots = [engine.backend, engine.home, projectDirectory];
    return roots.flatMap((root) =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter(
          (entry) =>
            entry.isFile() &&
            !join(entry.parentPath, entry.name).includes('node_modules') &&
            !join(entry.parentPath, entry.name).includes(`${join(engine.home, 'plugins')}`),
        )
        .map((entry): [string, string] => [
          join(entry.parentPath, entry.name),
          readFileSync(join(entry.parentPath, entry.name), 'utf8'),
        ]),
    );
  }

  it('two explicit providers, each with its own credentials; the secrets appear nowhere', async () => {
    const project = engine.project('yaml-two-applications', modules);
    await project.stack({
      salesApplication: APP_A.key,
      salesSecret: { secret: APP_A.secret },
      supportApplication: APP_B.key,
      supportSecret: { secret: APP_B.secret },
      apiUrl: simulator.url,
    });
    const verbose = ['--logtostderr', '-v=9'];
    const outputs: Outcome[] = [];

    outputs.push(await project.pulumi(['up', '--yes', ...verbose]));
    const state = await simulatorState(simulator);
    expect(state.bindings).toEqual({ [`${MAIN}/voice`]: APP_A.key, [`${SUPPORT}/voice`]: APP_B.key });
    expect(state.callbacks).toEqual({
      [APP_A.key]: { primary: 'https://voice.example.com/sales' },
      [APP_B.key]: {
        primary: 'https://voice.example.com/support',
        fallback: 'https://voice-backup.example.com/support',
      },
    });
    // Each provider signs with its own application: the callbacks of each application are read and written with
    // its own credentials, and each provider made one assign call.
    const made = await requests();
    for (const request of made.filter((entry) => entry.route.includes('callbacks')))
      expect(request.caller).toBe(request.path.includes(APP_A.key) ? APP_A.key : APP_B.key);
    expect(
      made
        .filter((request) => request.route === 'POST /v1/configuration/numbers')
        .map((request) => request.caller)
        .sort(),
    ).toEqual([APP_A.key, APP_B.key].sort());
    expect(await project.outputs()).toEqual({
      sales: `${MAIN}/voice`,
      salesApplication: APP_A.key,
      support: `${SUPPORT}/voice`,
      supportApplication: APP_B.key,
    });

    await forget();
    outputs.push(await project.pulumi(['refresh', '--yes', '--expect-no-changes', ...verbose]));
    expect(new Set((await requests()).map((request) => request.caller))).toEqual(new Set([APP_A.key, APP_B.key]));

    outputs.push(await project.pulumi(['destroy', '--yes', ...verbose]));
    expect(comparable(await simulatorState(simulator))).toEqual(comparable(initial));

    const text = [...outputs.map(printed), JSON.stringify(await project.outputs())];
    for (const [file, content] of engineFiles(project.directory))
      expectNoSecret(`${file}\n${content}`, ...SECRET_FORMS);
    for (const output of text) expectNoSecret(output, ...SECRET_FORMS);
    // The verbose output is the engine's own log: it did run at -v=9.
    expect(outputs[0]?.stderr).toMatch(/Configure/);
  });
});
