/**
 * Reliability and security through the real engine: two deployments racing for one number, and secrets that never
 * reach engine output, engine logs, errors or the state, whatever fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuthorization } from '../../provider';
import { APP_A, APP_B, VOICE_ONLY } from '../support/fixtures';
import { refusedUrl } from '../support/ports';
import { admin } from '../support/simulator';
import { scratchScenarios, type DeclaredProgram, type OperationResult, type StackConfig } from './engine';
import { stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const scenario = scratchScenarios('reliability');
const { credentials, operate, bindingsAndCallbacks } = stackOperations(scenario);

it('two stacks race for one number with different applications: one wins, the other fails with the guard, and the number stays bound', async () => {
  const forA: DeclaredProgram = {
    numbers: [{ name: 'line', number: VOICE_ONLY, applicationKey: APP_A.key }],
    callbacks: [],
  };
  const forB: DeclaredProgram = {
    numbers: [{ name: 'line', number: VOICE_ONLY, applicationKey: APP_B.key }],
    callbacks: [],
  };
  // Every list call (each create's first read and its read-back) answers 3 s late, so both stacks are in flight at once.
  await admin(scenario.simulator, 'POST', 'faults', {
    status: 0,
    delayMs: 3000,
    route: 'GET /v1/configuration/numbers',
    count: 4,
  });
  const [first, second] = await Promise.all([
    scenario.project.operate('up', `${scenario.stack}-a`, forA, credentials()),
    scenario.project.operate('up', `${scenario.stack}-b`, forB, credentials()),
  ]);
  const outcomes = [first, second];
  expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
  const loser = outcomes.find((outcome) => !outcome.ok) as OperationResult;
  expect(loser.message).toMatch(/is bound to application .* not to .* as this stack declares|someone else changed it/);
  const winner = first.ok ? APP_A.key : APP_B.key;
  expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: winner });
});

describe('secrets never appear in engine output, engine logs, errors or the state', () => {
  /** An application of the project whose secret is distinctive, so that any copy of it is found. */
  const LEAKY = {
    key: '5ec2e75e-0000-4000-8000-00000000c0de',
    secret: Buffer.from('pulumi-sinch-voice distinctive secret 7f3a9c').toString('base64'),
  };
  const WRONG_SECRET = Buffer.from('pulumi-sinch-voice wrong secret 91be22').toString('base64');
  const program: DeclaredProgram = {
    numbers: [{ name: 'line', number: VOICE_ONLY, applicationKey: APP_A.key }],
    callbacks: [{ name: 'callbacks', applicationKey: APP_A.key, primary: 'https://a.example.com/voice' }],
  };
  /** The engine's own log at its most verbose, on stderr. */
  const VERBOSE = { logToStdErr: true, logVerbosity: 9 };

  const settings = (auth: 'signed' | 'basic', overrides: Record<string, string> = {}): StackConfig => {
    const config: StackConfig = {
      'sinch:applicationKey': { value: LEAKY.key },
      'sinch:applicationSecret': { value: LEAKY.secret, secret: true },
      'sinch:baseUrl': { value: scenario.simulator.url },
      'sinch:auth': { value: auth },
    };
    for (const [key, value] of Object.entries(overrides))
      config[key] = { value, secret: key === 'sinch:applicationSecret' };
    return config;
  };

  /** Every form in which a credential could leak: the secrets, and the Authorization header values of both schemes. */
  function expectClean(text: string, where: string): void {
    const forms = [
      LEAKY.secret,
      WRONG_SECRET,
      basicAuthorization(LEAKY.key, LEAKY.secret).slice('Basic '.length),
      basicAuthorization(LEAKY.key, WRONG_SECRET).slice('Basic '.length),
    ];
    for (const form of forms) if (text.includes(form)) throw new Error(`a credential appeared in ${where}`);
    if (/Application\s+[0-9a-f-]{36}:[A-Za-z0-9+/]{43}=/i.test(text))
      throw new Error(`a signed Authorization header appeared in ${where}`);
  }

  async function expectNothingLeaked(outcomes: OperationResult[]): Promise<void> {
    for (const [index, outcome] of outcomes.entries()) {
      expectClean(outcome.stdout ?? '', `the stdout of operation ${index}`);
      expectClean(outcome.stderr ?? '', `the stderr (engine log) of operation ${index}`);
      expectClean(outcome.message ?? '', `the error of operation ${index}`);
      expect(
        `${outcome.stdout}${outcome.stderr}${outcome.message}`.match(/pulumi-sinch-voice\/\S*\.ts:\d+/g) ?? [],
      ).toEqual([]); // stack frames name shipped files only
    }
    expectClean(await scenario.project.exportState(scenario.stack), 'the exported state');
    const backend = join(scenario.project.directory, '..', 'backend');
    for (const file of readdirSync(backend, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    )) {
      expectClean(readFileSync(join(file.parentPath, file.name), 'utf8'), `the backend file ${file.name}`);
    }
  }

  beforeEach(() => admin(scenario.simulator, 'PUT', 'applications', LEAKY));

  it.each(['signed', 'basic'] as const)('%s: up, refresh, destroy, and every way they fail', async (auth) => {
    const outcomes: OperationResult[] = [];
    // A changed URL, so that an up has an API call to make.
    const changed: DeclaredProgram = {
      ...program,
      callbacks: [{ name: 'callbacks', applicationKey: APP_A.key, primary: 'https://a.example.com/v2' }],
    };
    const run = async (operation: 'up' | 'refresh' | 'destroy', config = settings(auth), declared = program) => {
      const outcome = await operate(operation, declared, config, VERBOSE);
      outcomes.push(outcome);
      return outcome;
    };
    expect((await run('up')).ok).toBe(true);
    // The engine's verbose log did reach stderr, so the search above covers it.
    expect(outcomes[0]?.stderr?.length).toBeGreaterThan(10_000);
    expect((await run('refresh')).ok).toBe(true);

    await admin(scenario.simulator, 'POST', 'faults', { status: 401, count: 1000 });
    expect((await run('refresh')).ok).toBe(false);
    await admin(scenario.simulator, 'DELETE', 'faults');
    // (refresh would run with the configuration of the last up, which the engine keeps for the default provider)
    expect((await run('up', settings(auth, { 'sinch:applicationSecret': WRONG_SECRET }), changed)).ok).toBe(false);
    expect((await run('up', settings(auth, { 'sinch:baseUrl': await refusedUrl() }), changed)).ok).toBe(false);
    // The engine keeps the settings of the last up for the next refresh and destroy: put the right ones back.
    expect((await run('up', settings(auth), changed)).ok).toBe(true);
    await admin(scenario.simulator, 'POST', 'faults', {
      status: 400,
      count: 1000,
      route: 'DELETE /v1/configuration/numbers',
    });
    expect((await run('destroy', settings(auth), changed)).ok).toBe(false);
    await admin(scenario.simulator, 'DELETE', 'faults');
    expect((await run('destroy', settings(auth), changed)).ok).toBe(true);
    expect(await bindingsAndCallbacks()).toEqual({ bindings: {}, callbacks: {} });
    await expectNothingLeaked(outcomes);
  });
});
