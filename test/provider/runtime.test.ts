/**
 * The runtime both front ends serve through: named requests, one provider instance per runtime, log lines tied to
 * the resource, imports that record what they found, application keys in the form Sinch issues, and refused
 * credentials said in the provider's terms. Against the simulator.
 */
import { createRuntime, type Runtime } from '../../provider/implementation';
import type { SinchProviderSettings } from '../../provider/configuration';
import { APP_A, APP_B, expectNoSecret, failureOf, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();

interface Logged {
  message: string;
  urn?: string;
  /** Present on a line of severity warning. */
  warning?: true;
}

function runtimeFor(settings: Partial<SinchProviderSettings> = {}): { runtime: Runtime; logs: Logged[] } {
  const logs: Logged[] = [];
  const base: SinchProviderSettings = {
    applicationKey: APP_A.key,
    applicationSecret: APP_A.secret,
    baseUrl: simulator.url,
    auth: 'signed',
  };
  const runtime = createRuntime({
    settings: () => ({ ...base, ...settings }),
    log: (severity, message, urn) => logs.push({ message, urn, ...(severity === 'warning' ? { warning: true } : {}) }),
  });
  return { runtime, logs };
}

const requests = async () =>
  (await admin<{ requests: Array<{ method: string; route: string }> }>(simulator, 'GET', 'requests')).requests;
const writes = async () => (await requests()).filter((request) => request.method !== 'GET');
const URN = 'urn:pulumi:dev::project::sinch:voice:NumberAssignment::main';

describe('import: a read with no recorded state records what it found as adopted', () => {
  it('NumberAssignment: adopted, found on the live application; destroy leaves it bound and writes nothing', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    const { runtime, logs } = runtimeFor();
    const read = await runtime.serve('NumberAssignment', 'read', { urn: URN, id: `${VOICE_ONLY}/voice`, props: {} });
    expect(read).toEqual({
      id: `${VOICE_ONLY}/voice`,
      props: {
        number: VOICE_ONLY,
        capability: 'voice',
        applicationKey: APP_B.key,
        allowReassign: false,
        assignedApplicationKey: APP_B.key,
        adopted: true,
        foundApplicationKey: APP_B.key,
      },
      inputs: { number: VOICE_ONLY, capability: 'voice', applicationKey: APP_B.key, allowReassign: false },
    });
    expect(logs).toEqual([
      { message: expect.stringContaining(`${VOICE_ONLY} (voice) imported: bound to ${APP_B.key}`), urn: URN },
    ]);
    await admin(simulator, 'DELETE', 'requests');
    await createRuntime({
      settings: () => ({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: simulator.url }),
      log: () => undefined,
    }).serve('NumberAssignment', 'delete', { id: `${VOICE_ONLY}/voice`, props: read.props ?? {} });
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
    expect(await writes()).toEqual([]);
  });

  it('NumberAssignment: a refresh of a created resource is not an import (its record is kept)', async () => {
    const { runtime } = runtimeFor();
    const { outs } = await runtime.serve('NumberAssignment', 'create', {
      inputs: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false },
    });
    const read = await runtimeFor().runtime.serve('NumberAssignment', 'read', {
      id: `${VOICE_ONLY}/voice`,
      props: outs,
    });
    expect(read.props).toMatchObject({ adopted: false });
    expect(read.props).not.toHaveProperty('foundApplicationKey');
  });

  it.each([
    ['no capability', VOICE_ONLY, /is not <number>\/<capability>/],
    ['a number not in E.164 form', '12012222222/voice', /not in E\.164 form/],
    ['an unknown capability', `${VOICE_ONLY}/fax`, /capability|voice/],
    ['too many parts', `${VOICE_ONLY}/voice/x`, /is not <number>\/<capability>/],
  ])(
    'NumberAssignment: an import id with %s is refused before any call, saying what the id looks like',
    async (_case, id, problem) => {
      const error = await failureOf(runtimeFor().runtime.serve('NumberAssignment', 'read', { id, props: {} }));
      expect(error.message).toMatch(problem);
      expect(error.message).toContain('such as +12015550100/voice');
      expect(await requests()).toEqual([]);
    },
  );

  it('ApplicationCallbacks: the live URLs are recorded as found and applied; destroy writes nothing', async () => {
    await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, {
      primary: 'https://b.example.com/voice',
      fallback: 'https://b2.example.com/voice',
    });
    const { runtime, logs } = runtimeFor();
    const read = await runtime.serve('ApplicationCallbacks', 'read', {
      urn: 'callbacks-urn',
      id: APP_B.key.toUpperCase(),
      props: {},
    });
    expect(read).toEqual({
      id: APP_B.key,
      props: {
        applicationKey: APP_B.key,
        primary: 'https://b.example.com/voice',
        fallback: 'https://b2.example.com/voice',
        appliedPrimary: 'https://b.example.com/voice',
        appliedFallback: 'https://b2.example.com/voice',
        adopted: true,
        foundPrimary: 'https://b.example.com/voice',
        foundFallback: 'https://b2.example.com/voice',
      },
      inputs: {
        applicationKey: APP_B.key,
        primary: 'https://b.example.com/voice',
        fallback: 'https://b2.example.com/voice',
      },
    });
    expect(logs).toEqual([
      { message: expect.stringContaining(`callbacks of ${APP_B.key} imported`), urn: 'callbacks-urn' },
    ]);
    await admin(simulator, 'DELETE', 'requests');
    await runtimeFor().runtime.serve('ApplicationCallbacks', 'delete', { id: APP_B.key, props: read.props ?? {} });
    expect((await simulatorState(simulator)).callbacks[APP_B.key]).toEqual({
      primary: 'https://b.example.com/voice',
      fallback: 'https://b2.example.com/voice',
    });
    expect(await writes()).toEqual([]);
  });

  it('ApplicationCallbacks: an import id that is not an application key is refused before any call', async () => {
    const error = await failureOf(
      runtimeFor().runtime.serve('ApplicationCallbacks', 'read', { id: 'not-a-key', props: {} }),
    );
    expect(error.message).toMatch(
      /^Cannot import ApplicationCallbacks "not-a-key": the id is the application key, which /,
    );
    expect(await requests()).toEqual([]);
  });
});

describe('application keys in the form Sinch issues', () => {
  it('check lowercases a key written in capitals, for both resources and for the configured default', async () => {
    const upper = runtimeFor({ applicationKey: APP_A.key.toUpperCase() }).runtime;
    const numbers = await upper.serve('NumberAssignment', 'check', {
      olds: {},
      news: { number: VOICE_ONLY, applicationKey: APP_B.key.toUpperCase() },
    });
    expect(numbers).toEqual({
      inputs: { number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice', allowReassign: false },
      failures: [],
    });
    const defaulted = await upper.serve('ApplicationCallbacks', 'check', {
      olds: {},
      news: { primary: 'https://a.example.com/' },
    });
    expect(defaulted).toEqual({
      inputs: { applicationKey: APP_A.key, primary: 'https://a.example.com/' },
      failures: [],
    });
  });

  it('diff shows no change between a capitalized declaration and a lowercase state', async () => {
    const { runtime } = runtimeFor();
    const { inputs } = await runtime.serve('NumberAssignment', 'check', {
      olds: {},
      news: { number: VOICE_ONLY, applicationKey: APP_B.key.toUpperCase() },
    });
    const state = { ...inputs, assignedApplicationKey: APP_B.key };
    expect(
      await runtime.serve('NumberAssignment', 'diff', { id: `${VOICE_ONLY}/voice`, olds: state, news: inputs }),
    ).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe('log lines and instances', () => {
  it('a line names the resource that wrote it', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_A.key });
    const { runtime, logs } = runtimeFor();
    await runtime.serve('NumberAssignment', 'create', {
      urn: URN,
      inputs: { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'voice', allowReassign: false },
    });
    expect(logs).toEqual([{ message: expect.stringContaining('adopted'), urn: URN }]);
  });

  it('each runtime is its own provider instance: its own credentials and its own claims', async () => {
    const first = runtimeFor().runtime;
    const second = runtimeFor({ applicationKey: APP_B.key, applicationSecret: APP_B.secret }).runtime;
    const inputs = { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false };
    const { outs } = await first.serve('NumberAssignment', 'create', { inputs });
    // The second instance has not taken the binding over: its delete undoes the create.
    await second.serve('NumberAssignment', 'delete', { id: `${VOICE_ONLY}/voice`, props: outs });
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBeUndefined();
    const callers = (
      await admin<{ requests: Array<{ caller?: string; method: string }> }>(simulator, 'GET', 'requests')
    ).requests;
    expect(new Set(callers.filter((entry) => entry.method === 'DELETE').map((entry) => entry.caller))).toEqual(
      new Set([APP_B.key]),
    );
  });

  it('an unknown resource kind fails naming it', async () => {
    const error = await failureOf(
      runtimeFor().runtime.serve('Nothing' as 'NumberAssignment', 'check', { olds: {}, news: {} }),
    );
    expect(error.message).toContain('no resource kind Nothing');
  });
});

describe('refused credentials', () => {
  const WRONG_SECRET = Buffer.from('not the secret of this application').toString('base64');

  it.each(['signed', 'basic'])(
    '%s: the error says Sinch refused them, names both settings, and never the secret',
    async (auth) => {
      const { runtime } = runtimeFor({ applicationSecret: WRONG_SECRET, auth });
      const error = await failureOf(
        runtime.serve('NumberAssignment', 'create', {
          inputs: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false },
        }),
      );
      expect(error.name).toBe('SinchCredentialsRefused');
      expect(error.message).toContain(`Sinch refused the credentials of application ${APP_A.key}`);
      expect(error.message).toContain(
        'sinch:applicationKey and sinch:applicationSecret (or SINCH_APPLICATION_KEY and SINCH_APPLICATION_SECRET)',
      );
      expect(error.message).toContain('HTTP 401');
      if (auth === 'signed') expect(error.message).toContain('clock skew');
      else expect(error.message).not.toContain('clock');
      expectNoSecret(`${error.message}${error.stack ?? ''}`, WRONG_SECRET, APP_A.secret);
    },
  );

  it('a function invoked through the runtime says so too', async () => {
    const error = await failureOf(runtimeFor({ applicationSecret: WRONG_SECRET }).runtime.invoke('getNumbers', {}));
    expect(error.message).toContain('Sinch refused the credentials');
  });
});

describe('functions through the runtime', () => {
  it('getNumbers filters by a key written in capitals and by capability', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' });
    const answer = await runtimeFor().runtime.invoke('getNumbers', {
      applicationKey: APP_B.key.toUpperCase(),
      capability: 'sms',
    });
    expect(answer).toEqual({
      result: { numbers: [{ number: VOICE_AND_SMS, applicationKey: APP_B.key, capability: 'sms' }] },
      failures: [],
    });
  });

  it('bad arguments are failures naming each, with no API call', async () => {
    const answer = await runtimeFor().runtime.invoke('getNumbers', { applicationKey: 'nope', capability: 'fax' });
    expect(answer.failures.map((failure) => failure.property)).toEqual(['applicationKey', 'capability']);
    expect(await runtimeFor().runtime.invoke('queryNumber', { number: '12015550100' })).toEqual({
      failures: [{ property: 'number', reason: expect.stringContaining('write it as "+12015550100"') }],
    });
    expect(await requests()).toEqual([]);
  });

  it('queryNumber answers for a number', async () => {
    const answer = await runtimeFor().runtime.invoke('queryNumber', { number: '+46701234567' });
    expect(answer.result).toMatchObject({ countryId: 'SE', numberType: 'Mobile' });
  });
});

describe('the HTTP stack, loaded before the first call is sent', () => {
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  let loaded: jest.SpyInstance;
  beforeEach(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module whose export the runtime calls
    loaded = jest.spyOn(require('../../provider/client/client') as { loadHttpStack: () => void }, 'loadHttpStack');
  });
  afterEach(() => loaded.mockRestore());

  it('a check that announces a create loads it on the next turn, once per runtime', async () => {
    const { runtime } = runtimeFor();
    await runtime.serve('NumberAssignment', 'check', { urn: URN, olds: {}, news: { number: VOICE_ONLY } });
    expect(loaded).not.toHaveBeenCalled();
    await nextTurn();
    expect(loaded).toHaveBeenCalledTimes(1);
    await runtime.serve('ApplicationCallbacks', 'check', { urn: URN, olds: {}, news: { applicationKey: APP_A.key } });
    await nextTurn();
    expect(loaded).toHaveBeenCalledTimes(1);
  });

  it("a deployment's first connection loads it at once, before its first call is sent", async () => {
    const { runtime } = runtimeFor();
    const reading = runtime.serve('NumberAssignment', 'read', { urn: URN, id: `${VOICE_ONLY}/voice`, props: {} });
    // The read has made its connection synchronously; its list call is gathered and sent later.
    expect(loaded).toHaveBeenCalledTimes(1);
    await reading;
    await runtime.serve('NumberAssignment', 'read', { urn: URN, id: `${VOICE_ONLY}/voice`, props: {} });
    expect(loaded).toHaveBeenCalledTimes(1);
  });

  it('a check of a resource with a state, or one that fails, announces nothing and loads nothing', async () => {
    const { runtime } = runtimeFor();
    const state = { number: VOICE_ONLY, applicationKey: APP_A.key };
    await runtime.serve('NumberAssignment', 'check', { urn: URN, olds: state, news: state });
    const refused = await runtime.serve('NumberAssignment', 'check', { urn: URN, olds: {}, news: { number: '12' } });
    expect(refused.failures).not.toEqual([]);
    await nextTurn();
    expect(loaded).not.toHaveBeenCalled();
  });
});
