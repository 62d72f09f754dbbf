/**
 * Reliability and security through the real engine: two deployments racing for one number, secrets that never
 * reach engine output, engine logs, errors, outputs or the state, whatever fails, and bad input refused by check
 * before any API call.
 *
 * Through both front ends (frontEnds.ts) where the behaviour is the same: the secrets and the bad input. The race
 * runs through the dynamic resources only: its guard is the implementation's create, which lifecycle.test.ts's
 * refusal (6) runs through both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicAuthorization } from '../../provider';
import { APP_A, APP_B, VOICE_ONLY } from '../support/fixtures';
import { refusedUrl } from '../support/ports';
import { admin } from '../support/simulator';
import {
  scratchScenarios,
  type DeclaredCallbacks,
  type DeclaredNumber,
  type DeclaredProgram,
  type OperationResult,
  type StackConfig,
} from './engine';
import { FRONT_ENDS, type ResourceKind } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const scenario = scratchScenarios('reliability');

it('two stacks race for one number with different applications: one wins, the other fails with the guard, and the number stays bound', async () => {
  const { credentials, bindingsAndCallbacks } = stackOperations(scenario);
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

describe.each(FRONT_ENDS)('through the $name resources', (frontEnd) => {
  const { operate, bindingsAndCallbacks, apiRoutes, credentials } = stackOperations(scenario, frontEnd);

  describe('secrets never appear in engine output, engine logs, errors, outputs or the state', () => {
    /** An application of the project whose secret is distinctive, so that any copy of it is found. */
    const LEAKY = {
      key: '5ec2e75e-0000-4000-8000-00000000c0de',
      secret: Buffer.from('pulumi-sinch-voice distinctive secret 7f3a9c').toString('base64'),
    };
    const WRONG_SECRET = Buffer.from('pulumi-sinch-voice wrong secret 91be22').toString('base64');
    // Every output of every resource is a stack output too, which the up answers.
    const program: DeclaredProgram = {
      numbers: [{ name: 'line', number: VOICE_ONLY, applicationKey: APP_A.key }],
      callbacks: [{ name: 'callbacks', applicationKey: APP_A.key, primary: 'https://a.example.com/voice' }],
      exportOutputs: true,
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

    /** What one operation showed: its output, the engine's log, its error and the stack's outputs. */
    function expectOperationClean(outcome: OperationResult, index: number): void {
      expectClean(outcome.stdout ?? '', `the stdout of operation ${index}`);
      expectClean(outcome.stderr ?? '', `the stderr (engine log) of operation ${index}`);
      expectClean(outcome.message ?? '', `the error of operation ${index}`);
      expectClean(JSON.stringify(outcome.outputs ?? {}), `the outputs of operation ${index}`);
      expect(
        `${outcome.stdout}${outcome.stderr}${outcome.message}`.match(/pulumi-sinch-voice\/\S*\.ts:\d+/g) ?? [],
      ).toEqual([]); // stack frames name shipped files only
    }

    async function expectNothingLeaked(outcomes: OperationResult[]): Promise<void> {
      for (const [index, outcome] of outcomes.entries()) expectOperationClean(outcome, index);
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
        // At once, before a later step fails for another reason; the state and the backend at the end.
        expectOperationClean(outcome, outcomes.length);
        outcomes.push(outcome);
        return outcome;
      };
      expect((await run('up')).ok).toBe(true);
      // The engine's verbose log did reach stderr, so the search above covers it.
      expect(outcomes[0]?.stderr?.length).toBeGreaterThan(10_000);
      // Every output of both resources came back, so the search covers them too.
      expect(outcomes[0]?.outputs).toMatchObject({
        'line.number': { value: VOICE_ONLY },
        'line.applicationKey': { value: APP_A.key },
        'callbacks.primary': { value: 'https://a.example.com/voice' },
      });
      expect((await run('refresh')).ok).toBe(true);

      await admin(scenario.simulator, 'POST', 'faults', { status: 401, count: 1000 });
      expect((await run('refresh')).ok).toBe(false);
      await admin(scenario.simulator, 'DELETE', 'faults');
      // (refresh would run with the configuration of the last up, which the engine keeps for the default provider)
      const refused = await run('up', settings(auth, { 'sinch:applicationSecret': WRONG_SECRET }), changed);
      expect(refused.ok).toBe(false);
      // Said in the provider's terms: the settings to check, and (signed requests) the clock.
      expect(refused.message).toContain(`Sinch refused the credentials of application ${LEAKY.key}`);
      expect(refused.message).toMatch(/sinch:applicationKey and sinch:applicationSecret/);
      if (auth === 'signed') expect(refused.message).toMatch(/clock skew/);
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

  describe('bad input: a check failure that names the property, before any API call', () => {
    const number = (declared: Partial<DeclaredNumber>): DeclaredProgram => ({
      numbers: [{ name: 'bad', number: VOICE_ONLY, ...declared } as DeclaredNumber],
      callbacks: [],
    });
    const callbacks = (declared: Partial<DeclaredCallbacks>): DeclaredProgram => ({
      numbers: [],
      callbacks: [{ name: 'bad', primary: 'https://a.example.com/voice', ...declared } as DeclaredCallbacks],
    });
    const BAD_INPUTS: Array<[ResourceKind, string, string, DeclaredProgram]> = [
      ['NumberAssignment', 'number', 'without its +', number({ number: '12015550100' })],
      ['NumberAssignment', 'number', 'with spaces', number({ number: '+1 201 222 2222' })],
      ['NumberAssignment', 'applicationKey', 'not a key', number({ applicationKey: 'my-application' })],
      ['NumberAssignment', 'capability', 'not a capability', number({ capability: 'fax' as 'voice' })],
      ['NumberAssignment', 'allowReassign', 'a string', number({ allowReassign: 'yes' as unknown as boolean })],
      ['ApplicationCallbacks', 'applicationKey', 'not a key', callbacks({ applicationKey: 'my-application' })],
      ['ApplicationCallbacks', 'primary', 'not a URL', callbacks({ primary: 'voice.example.com/sinch' })],
      ['ApplicationCallbacks', 'primary', 'plain http', callbacks({ primary: 'http://voice.example.com/sinch' })],
      ['ApplicationCallbacks', 'fallback', 'another scheme', callbacks({ fallback: 'ftp://voice.example.com' })],
      // Each of these was rewritten by a URL parser and sent as another URL than written; now each is refused.
      ['ApplicationCallbacks', 'primary', 'a dot segment', callbacks({ primary: 'https://a.example.com/x/../voice' })],
      ['ApplicationCallbacks', 'fallback', 'a fragment', callbacks({ fallback: 'https://a.example.com/voice#x' })],
      ['ApplicationCallbacks', 'primary', 'an IPv4 in octal', callbacks({ primary: 'https://010.10.10.10/voice' })],
    ];

    it.each(BAD_INPUTS)('%s %s %s', async (kind, property, _what, program) => {
      const outcome = await operate('up', program);
      expect(outcome.ok).toBe(false);
      // The engine's words for a CheckFailure: the resource, then the property and its problem.
      expect(outcome.message).toMatch(
        new RegExp(`${frontEnd.type(kind)} resource 'bad': property ${property} value .* has a problem: `),
      );
      expect(await apiRoutes()).toEqual([]);
      expect(await bindingsAndCallbacks()).toEqual({ bindings: {}, callbacks: {} });
    });

    it('an application key in capitals is the key Sinch issued, in lowercase: no failure, and no change against a lowercase state', async () => {
      const capitals = number({ applicationKey: APP_B.key.toUpperCase() });
      const up = await operate('up', capitals);
      expect(up.message ?? '').toBe('');
      expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
      const lowercase = number({ applicationKey: APP_B.key });
      const preview = await operate('preview', lowercase);
      expect(preview.ok).toBe(true);
      expect(preview.result).toEqual({ same: 2 });
      expect(changes((await operate('refresh', capitals)).result!)).toEqual({ same: 2 });
      expect((await operate('preview', capitals)).result).toEqual({ same: 2 });
    });

    it('an application key without its dashes is the key Sinch issued: no failure, and no change against the dashed state', async () => {
      const dashless = number({ applicationKey: APP_B.key.replace(/-/g, '') });
      const up = await operate('up', dashless);
      expect(up.message ?? '').toBe('');
      expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
      expect((await operate('preview', number({ applicationKey: APP_B.key }))).result).toEqual({ same: 2 });
      expect(changes((await operate('refresh', dashless)).result!)).toEqual({ same: 2 });
      expect((await operate('preview', dashless)).result).toEqual({ same: 2 });
    });

    it.each([
      ['sinch:baseUrl', 'with a user and password', 'https://user:hunter2@callingapi.sinch.com'],
      ['sinch:maxRetries', 'with a space', ' 5'],
      ['sinch:applicationKey', 'not a key', 'my-application'],
    ])('a bad setting (%s %s) fails the preview naming it, before any API call', async (key, _what, value) => {
      const config: StackConfig = { ...credentials(), [key]: { value } };
      const preview = await operate('preview', number({}), config);
      expect(preview.ok).toBe(false);
      expect(preview.message).toContain(key);
      expect(preview.message).not.toContain('hunter2');
      expect(await apiRoutes()).toEqual([]);
    });
  });
});
