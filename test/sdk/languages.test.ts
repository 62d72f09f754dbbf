/**
 * Every generated SDK run through the real engine, each installed as its users install it: Go through a `replace` to
 * sdk/go, Node.js from its packed tarball, Python with `pip install` into a new virtual environment. Each program is
 * an inline Automation API program (no language host, which cannot be had here for Go and Python), written over its
 * SDK in its own language (test/sdk/drivers/<language>/, speaking test/sdk/protocol.ts). The plugin is the
 * self-contained linux-amd64 archive, installed once with `pulumi plugin install --file` into the engine's
 * PULUMI_HOME, as a user who downloaded the release asset would.
 *
 * One scenario per language: two applications (stack configuration, and an explicit provider), getNumbers and
 * queryNumber, the `import` resource option, drift found by refresh and undone by up, no secret in the state files or
 * the engine's output, and a destroy that leaves the imported binding bound. Then the language's example program
 * (examples/<language>-basic), run inline.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensurePulumi, isolatedPulumiEnvironment } from '../../scripts/pulumiEnvironment';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator } from '../support/simulator';
import { prepareGoDriver } from './drivers/go/prepare';
import { prepareNodejsDriver } from './drivers/nodejs/prepare';
import { preparePythonDriver } from './drivers/python/prepare';
import type { SdkAnswer, SdkOperation, SdkProgram, SdkRequest } from './protocol';

jest.setTimeout(30 * 60_000);

const run = promisify(execFile);
const REPOSITORY = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { version: string }).version;

type Language = 'go' | 'nodejs' | 'python';
type Driver = { command: string; args: string[] };
const PREPARE: Record<Language, (scratch: string) => Promise<Driver>> = {
  go: prepareGoDriver,
  nodejs: prepareNodejsDriver,
  python: preparePythonDriver,
};
/** The languages with an example program under examples/<language>-basic. */
const EXAMPLES: readonly Language[] = ['go', 'python'];

let scratch: string;
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'sinch-sdks-'));
  const cli = await ensurePulumi(REPOSITORY);
  environment = { ...withoutSinchVariables(process.env), ...isolatedPulumiEnvironment(cli, scratch, 'sdk-passphrase') };
  // The release asset of this platform, as `npm run plugin:pack` makes it, installed where the engine looks.
  const { stdout } = await run(
    process.execPath,
    [join(REPOSITORY, 'dist', 'scripts', 'pluginPack.js'), '--platforms', 'linux-amd64', '--out', join(scratch, 'archive')],
    { cwd: REPOSITORY, maxBuffer: 16 * 1024 * 1024 },
  );
  const archive = stdout.trim().split('\n').at(-1) as string;
  await run(cli, ['plugin', 'install', 'resource', 'sinch', version, '--file', archive], { env: environment });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const withoutSinchVariables = (variables: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(variables).filter(([key]) => !key.startsWith('SINCH_')));

/** Every file under a folder, as text. */
function filesUnder(directory: string): Array<[string, string]> {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    const file = join(directory, name);
    return statSync(file).isFile() ? [[file, readFileSync(file, 'latin1')] as [string, string]] : [];
  });
}

describe.each(['go', 'nodejs', 'python'] as const)('the %s SDK, through the engine', (language) => {
  let driver: Driver;
  let simulator: RunningSimulator;
  let workDir: string;
  let counter = 0;

  beforeAll(async () => {
    driver = await PREPARE[language](join(scratch, language));
  });
  beforeEach(async () => {
    simulator = await startTestSimulator();
    counter += 1;
    workDir = join(scratch, `${language}-project-${counter}`);
    mkdirSync(workDir, { recursive: true });
  });
  afterEach(() => simulator.close());

  /** The stack configuration of the default provider: application A, the secret as a secret. */
  const config = () => ({
    'sinch:applicationKey': { value: APP_A.key },
    'sinch:applicationSecret': { value: APP_A.secret, secret: true },
    'sinch:baseUrl': { value: simulator.url },
  });

  async function operate(operation: SdkOperation, program: SdkProgram): Promise<SdkAnswer> {
    const request: SdkRequest = {
      workDir,
      projectName: `sinch-${language}`,
      stackName: `${language}${counter}`,
      operation,
      config: config(),
      program,
    };
    const child = execFile(driver.command, driver.args, { env: environment, maxBuffer: 64 * 1024 * 1024 });
    child.stdin?.end(JSON.stringify(request));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => child.once('close', resolve));
    const last = stdout.trim().split('\n').at(-1) ?? '';
    let answer: SdkAnswer;
    try {
      answer = JSON.parse(last) as SdkAnswer;
    } catch {
      throw new Error(`the ${language} driver printed no answer:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`);
    }
    // Whatever the step, the engine's output never holds a secret.
    expectNoSecret(`${stdout}\n${stderr}\n${JSON.stringify(answer)}`, APP_A.secret, APP_B.secret);
    return answer;
  }

  async function succeed(operation: SdkOperation, program: SdkProgram): Promise<SdkAnswer> {
    const answer = await operate(operation, program);
    if (!answer.ok) throw new Error(`${operation} failed: ${answer.message}\n${(answer.stderr ?? '').slice(-3000)}`);
    return answer;
  }

  const bindings = async () => (await simulatorState(simulator)).bindings;

  it('two applications, functions, import, drift found by refresh and undone by up, no secret in the state, and a destroy that leaves the imported binding bound', async () => {
    // Someone bound this number to application A before the stack: the program imports it.
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'voice' });
    const program: SdkProgram = {
      providers: [{ name: 'second', applicationKey: APP_B.key, applicationSecret: APP_B.secret, baseUrl: simulator.url }],
      numbers: [
        { name: 'main-line', number: VOICE_ONLY },
        { name: 'second-line', number: VOICE_ONLY_2, provider: 'second' },
        { name: 'imported-line', number: VOICE_AND_SMS, importId: `${VOICE_AND_SMS}/voice` },
      ],
      callbacks: [{ name: 'callbacks', primary: 'https://a.example.com/voice' }],
      functions: [
        { name: 'listed', function: 'getNumbers', applicationKey: APP_A.key.toUpperCase(), capability: 'voice' },
        { name: 'queried', function: 'queryNumber', number: VOICE_ONLY, provider: 'second' },
      ],
      exportOutputs: true,
    };

    const preview = await succeed('preview', program);
    expect(preview.changes).toMatchObject({ create: 5 });
    expect(await bindings()).toEqual({ [`${VOICE_AND_SMS}/voice`]: APP_A.key });

    const up = await succeed('up', program);
    // The stack, the explicit provider, two created bindings and the callbacks; the import is counted apart.
    expect(up.changes).toMatchObject({ create: 5, import: 1 });
    expect(await bindings()).toEqual({
      [`${VOICE_ONLY}/voice`]: APP_A.key,
      [`${VOICE_ONLY_2}/voice`]: APP_B.key,
      [`${VOICE_AND_SMS}/voice`]: APP_A.key,
    });
    expect((await simulatorState(simulator)).callbacks).toEqual({ [APP_A.key]: { primary: 'https://a.example.com/voice' } });
    expect(up.outputs).toMatchObject({
      'main-line.applicationKey': APP_A.key,
      'main-line.assignedApplicationKey': APP_A.key,
      'main-line.adopted': false,
      'second-line.applicationKey': APP_B.key,
      'imported-line.adopted': true,
      'imported-line.foundApplicationKey': APP_A.key,
      'callbacks.appliedPrimary': 'https://a.example.com/voice',
      'function.queried': { countryId: 'US', normalizedNumber: VOICE_ONLY },
    });
    // getNumbers ran with the key in capitals, as the program wrote it: the numbers of application A, as the API
    // listed them when the program ran (the import's number was bound before).
    expect(up.outputs?.['function.listed']).toEqual({
      numbers: expect.arrayContaining([{ number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'voice' }]),
    });
    for (const [file, text] of [...filesUnder(join(scratch, 'backend')), ...filesUnder(workDir)]) {
      if (text.includes(APP_A.secret) || text.includes(APP_B.secret))
        throw new Error(`a secret is in ${file}, in plain text`);
    }

    // Drift: someone moves the main line to application B in the dashboard.
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice' });
    expect((await succeed('refresh', program)).changes).toMatchObject({ update: 1 });
    expect((await succeed('up', program)).changes).toMatchObject({ update: 1 });
    expect((await bindings())[`${VOICE_ONLY}/voice`]).toBe(APP_A.key);
    const after = await succeed('preview', program);
    expect(Object.keys(after.changes ?? {})).toEqual(['same']);

    await succeed('destroy', program);
    // Only what the stack bound is unbound; the imported number stays with the application that held it.
    expect(await bindings()).toEqual({ [`${VOICE_AND_SMS}/voice`]: APP_A.key });
  });

  // Only where the language has an example program: no test stands in for the others.
  if (EXAMPLES.includes(language))
    it(`examples/${language}-basic runs inline: up binds its number and sets its callbacks, destroy undoes both`,
    async () => {
      await admin(simulator, 'PUT', 'numbers', { number: '+12015550100', capabilities: ['voice'] });
      const up = await succeed('up', { example: true });
      expect(up.outputs).toMatchObject({ number: '+12015550100', application: APP_A.key, adopted: false });
      expect(await bindings()).toEqual({ '+12015550100/voice': APP_A.key });
      expect((await simulatorState(simulator)).callbacks).toEqual({ [APP_A.key]: { primary: 'https://voice.example.com/sinch' } });
      await succeed('destroy', { example: true });
      expect(await bindings()).toEqual({});
    });
});
