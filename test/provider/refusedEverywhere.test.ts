/**
 * Every class of bad value (test/support/badValueClasses.ts), through the dynamic front end and the functions: each
 * is refused by check with one failure naming exactly its input, or by the configuration naming `sinch:<setting>`,
 * before any API call, with a reason that is short, shows no raw control or invisible character, and never the
 * secret. Every good value and the unknown marker pass, and the application key's other forms are the same key.
 */
import { CONFIG_KEYS, parseSettings, type SinchProviderSettings } from '../../provider/configuration';
import { createRuntime, type FunctionName, type ResourceKind } from '../../provider/implementation';
import { serveDynamic } from '../../provider/implementation/dynamic';
import { getNumbers, queryNumber } from '../../provider/resources/functions';
import type { SettingName } from '../../provider/shapes';
import { UNKNOWN } from '../../provider/validation';
import {
  BAD_ARGUMENTS,
  BAD_BASIC_SECRETS,
  BAD_INPUTS,
  BAD_SETTINGS,
  GOOD_APPLICATION_KEYS,
  GOOD_ARGUMENTS,
  GOOD_INPUTS,
  GOOD_SETTINGS,
  MINIMUM_PER_FIELD,
  Problems,
  reasonProblems,
  refusalProblems,
  REASON_CAP,
  SECRET,
  secretsFor,
  textOnly,
  type BadValue,
  type GoodValue,
} from '../support/badValueClasses';
import { APP_A, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';
import { admin, sharedSimulator } from '../support/simulator';

const simulator = sharedSimulator();

const requestCount = async () => (await admin<{ requests: unknown[] }>(simulator, 'GET', 'requests')).requests.length;

const ENVIRONMENT = [
  'SINCH_APPLICATION_KEY',
  'SINCH_APPLICATION_SECRET',
  'SINCH_BASE_URL',
  'SINCH_AUTH',
  'SINCH_OPERATION_TIMEOUT',
  'SINCH_MAX_RETRIES',
];
const saved = Object.fromEntries(ENVIRONMENT.map((name) => [name, process.env[name]]));
beforeAll(() => ENVIRONMENT.forEach((name) => delete process.env[name]));
afterAll(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

/** The good settings, by name, pointing at the shared simulator. */
const goodSettings = (): SinchProviderSettings => ({
  applicationKey: APP_A.key,
  applicationSecret: APP_A.secret,
  baseUrl: simulator.url,
});

/** The dynamic provider configured as the engine configures it: stack configuration, by `sinch:` key. */
async function configureDynamic(settings: SinchProviderSettings): Promise<void> {
  const config = Object.fromEntries(
    Object.entries(settings).map(([name, value]) => [CONFIG_KEYS[name as SettingName], value]),
  );
  await serveDynamic('NumberAssignment', 'configure', [{ config: { get: (key: string) => config[key] } }]);
}

type Failures = Array<{ property: string; reason: string }>;

const dynamicCheck = async (kind: ResourceKind, news: Record<string, unknown>) =>
  (await serveDynamic(kind, 'check', [{}, news])) as { inputs: Record<string, unknown>; failures?: Failures };

const VALID: Record<ResourceKind, Record<string, unknown>> = {
  NumberAssignment: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false },
  ApplicationCallbacks: {
    applicationKey: APP_A.key,
    primary: 'https://voice.example.com/events',
    fallback: 'https://backup.example.com/events',
  },
};

const inputCases = (Object.entries(BAD_INPUTS) as Array<[ResourceKind, Record<string, BadValue[]>]>).flatMap(
  ([kind, fields]) => Object.entries(fields).map(([field, values]) => [kind, field, values] as const),
);
const goodInputCases = (
  Object.entries(GOOD_INPUTS) as Array<[ResourceKind, Record<string, readonly GoodValue[]>]>
).flatMap(([kind, fields]) => Object.entries(fields).map(([field, values]) => [kind, field, values] as const));
const argumentCases = (Object.entries(BAD_ARGUMENTS) as Array<[FunctionName, Record<string, BadValue[]>]>).flatMap(
  ([name, fields]) => Object.entries(fields).map(([field, values]) => [name, field, values] as const),
);
const settingCases = Object.entries(BAD_SETTINGS) as Array<[SettingName, BadValue[]]>;

describe('the classes', () => {
  it.each([
    ...inputCases.map(([kind, field, values]) => [`${kind}.${field}`, values] as const),
    ...argumentCases.map(([name, field, values]) => [`${name}(${field})`, values] as const),
    ...settingCases.map(([name, values]) => [`sinch:${name}`, values] as const),
    ...settingCases.map(([name, values]) => [`sinch:${name} as text`, textOnly(values)] as const),
  ])(`%s has at least ${MINIMUM_PER_FIELD} distinct bad values`, (_name, values) => {
    expect(new Set(values.map(({ value }) => JSON.stringify(value))).size).toBe(values.length);
    expect(values.length).toBeGreaterThanOrEqual(MINIMUM_PER_FIELD);
  });
});

describe('dynamic check: each bad input is one failure naming it, before any call', () => {
  beforeEach(() => configureDynamic(goodSettings()));

  it.each(inputCases.map(([kind, field, values]) => [`${kind}.${field}`, kind, field, values] as const))(
    '%s',
    async (_name, kind, field, values) => {
      const problems = new Problems();
      for (const bad of values) {
        try {
          const { failures } = await dynamicCheck(kind, { ...VALID[kind], [field]: bad.value });
          problems.add(bad, refusalProblems(failures, field, [SECRET], bad));
        } catch (error) {
          problems.add(bad, [`check threw ${String(error).slice(0, 200)}`]);
        }
      }
      expect(problems.report()).toEqual([]);
      expect(await requestCount()).toBe(0);
    },
  );

  it.each(goodInputCases.map(([kind, field, values]) => [`${kind}.${field}`, kind, field, values] as const))(
    '%s: every good value passes, stored in its parsed form, and so does the unknown marker',
    async (_name, kind, field, values) => {
      for (const good of values) {
        const { inputs, failures } = await dynamicCheck(kind, { ...VALID[kind], [field]: good.value });
        expect({ value: good.value, failures: failures ?? [] }).toEqual({ value: good.value, failures: [] });
        expect(inputs[field]).toEqual(good.stored);
      }
      const { inputs, failures } = await dynamicCheck(kind, { ...VALID[kind], [field]: UNKNOWN });
      expect(failures ?? []).toEqual([]);
      expect(inputs[field]).toBe(UNKNOWN);
      expect(await requestCount()).toBe(0);
    },
  );
});

describe('dynamic configuration: each bad setting fails check naming sinch:<setting>, before any call', () => {
  afterAll(() => configureDynamic(goodSettings()));

  /** Configures the setting, checks a good input of each kind in turn, and answers what is wrong with the refusal. */
  async function refusedSetting(name: SettingName, bad: BadValue, extra: SinchProviderSettings, index: number) {
    await configureDynamic({ ...goodSettings(), ...extra, [name]: bad.value });
    const kind: ResourceKind = index % 2 === 0 ? 'NumberAssignment' : 'ApplicationCallbacks';
    let error: unknown;
    try {
      await dynamicCheck(kind, VALID[kind]);
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof Error)) return ['check did not throw'];
    const failures = (error as Error & { failures?: Array<{ setting: string; reason: string }> }).failures ?? [];
    const secrets = name === 'applicationSecret' ? secretsFor(bad) : [SECRET];
    return [
      ...(error.name === 'SinchConfigurationError' ? [] : [`threw a ${error.name}: ${error.message.slice(0, 200)}`]),
      ...(error.message.includes(`sinch:${name}`) ? [] : [`the message does not name sinch:${name}`]),
      ...refusalProblems(
        failures.map((failure) => ({ property: failure.setting, reason: failure.reason })),
        name,
        secrets,
      ),
      ...(failures[0]?.reason.startsWith(`sinch:${name}`) ? [] : ['the reason does not begin with the setting']),
      ...reasonProblems(error.message, secrets, REASON_CAP + 100),
    ];
  }

  it.each(settingCases.map(([name, values]) => [name, textOnly(values)] as const))('sinch:%s', async (name, values) => {
    const problems = new Problems();
    for (const [index, bad] of values.entries()) problems.add(bad, await refusedSetting(name, bad, {}, index));
    expect(problems.report()).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it('sinch:applicationSecret with basic authentication', async () => {
    const problems = new Problems();
    for (const [index, bad] of textOnly(BAD_BASIC_SECRETS).entries())
      problems.add(bad, await refusedSetting('applicationSecret', bad, { auth: 'basic' }, index));
    expect(problems.report()).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it.each(Object.entries(GOOD_SETTINGS) as Array<[SettingName, readonly GoodValue[]]>)(
    'sinch:%s: every good value works',
    async (name, values) => {
      for (const good of values.filter(({ value }) => typeof value === 'string')) {
        await configureDynamic({ ...goodSettings(), [name]: good.value });
        for (const kind of ['NumberAssignment', 'ApplicationCallbacks'] as const)
          expect({ value: good.value, failures: (await dynamicCheck(kind, VALID[kind])).failures ?? [] }).toEqual({
            value: good.value,
            failures: [],
          });
      }
      expect(await requestCount()).toBe(0);
    },
  );

  it.each(settingCases)('parseSettings refuses every bad sinch:%s, of any type, naming it', (name, values) => {
    const problems = new Problems();
    for (const bad of values) {
      const { failures } = parseSettings({ ...goodSettings(), [name]: bad.value });
      problems.add(
        bad,
        refusalProblems(
          failures.map((failure) => ({ property: failure.setting, reason: failure.reason })),
          name,
          name === 'applicationSecret' ? secretsFor(bad) : [SECRET],
        ),
      );
    }
    expect(problems.report()).toEqual([]);
  });

  it.each(Object.entries(GOOD_SETTINGS) as Array<[SettingName, readonly GoodValue[]]>)(
    'parseSettings takes every good sinch:%s in its parsed form',
    (name, values) => {
      for (const good of values) {
        const { settings, failures } = parseSettings({ ...goodSettings(), [name]: good.value });
        expect({ value: good.value, failures }).toEqual({ value: good.value, failures: [] });
        expect(settings[name]).toEqual(good.stored);
      }
    },
  );
});

describe('functions: each bad argument is refused naming it, before any call', () => {
  beforeAll(() => {
    process.env.SINCH_APPLICATION_KEY = APP_A.key;
    process.env.SINCH_APPLICATION_SECRET = APP_A.secret;
    process.env.SINCH_BASE_URL = simulator.url;
  });
  afterAll(() => {
    delete process.env.SINCH_APPLICATION_KEY;
    delete process.env.SINCH_APPLICATION_SECRET;
    delete process.env.SINCH_BASE_URL;
  });

  const programCall = (name: FunctionName, field: string, value: unknown) =>
    name === 'getNumbers' ? getNumbers({ [field]: value }) : queryNumber(value as string);

  it.each(argumentCases.map(([name, field, values]) => [`${name}(${field})`, name, field, values] as const))(
    'the program-side %s',
    async (_name, name, field, values) => {
      const problems = new Problems();
      const prefix = `${name}: ${field} `;
      for (const bad of values) {
        let error: unknown;
        try {
          await programCall(name, field, bad.value);
        } catch (caught) {
          error = caught;
        }
        if (!(error instanceof TypeError)) problems.add(bad, [`not refused with a TypeError: ${String(error)}`]);
        else if (!error.message.startsWith(prefix))
          problems.add(bad, [`the error does not name ${field}: ${error.message.slice(0, 120)}`]);
        else problems.add(bad, reasonProblems(error.message.slice(prefix.length)));
      }
      expect(problems.report()).toEqual([]);
      expect(await requestCount()).toBe(0);
    },
  );

  it.each(argumentCases.map(([name, field, values]) => [`${name}(${field})`, name, field, values] as const))(
    "the runtime's invoke of %s",
    async (_name, name, field, values) => {
      const runtime = createRuntime({ settings: goodSettings, log: () => undefined });
      const problems = new Problems();
      for (const bad of values) {
        try {
          const { failures } = await runtime.invoke(name, { [field]: bad.value });
          problems.add(bad, refusalProblems(failures, field));
        } catch (error) {
          problems.add(bad, [`invoke threw ${String(error).slice(0, 200)}`]);
        }
      }
      expect(problems.report()).toEqual([]);
      expect(await requestCount()).toBe(0);
    },
  );

  it.each(
    (Object.entries(GOOD_ARGUMENTS) as Array<[FunctionName, Record<string, readonly GoodValue[]>]>).flatMap(
      ([name, fields]) =>
        Object.entries(fields).map(([field, values]) => [`${name}(${field})`, name, field, values] as const),
    ),
  )('every good %s passes, through the program and the runtime', async (_name, name, field, values) => {
    const runtime = createRuntime({ settings: goodSettings, log: () => undefined });
    for (const good of values) {
      await expect(programCall(name, field, good.value)).resolves.toBeDefined();
      expect((await runtime.invoke(name, { [field]: good.value })).failures).toEqual([]);
    }
  });
});

describe('the application key in its other forms is the same key', () => {
  beforeEach(() => configureDynamic(goodSettings()));

  const forms = GOOD_APPLICATION_KEYS.filter(({ stored }) => stored === APP_A.key);

  it.each(['NumberAssignment', 'ApplicationCallbacks'] as const)(
    '%s: check answers the canonical form, and diff against a state in that form shows no change',
    async (kind) => {
      const id = kind === 'NumberAssignment' ? `${VOICE_ONLY}/voice` : APP_A.key;
      const { inputs: canonical } = await dynamicCheck(kind, VALID[kind]);
      const state = { ...canonical, ...(kind === 'NumberAssignment' ? { assignedApplicationKey: APP_A.key } : {}) };
      for (const form of forms) {
        const { inputs, failures } = await dynamicCheck(kind, { ...VALID[kind], applicationKey: form.value });
        expect({ form: form.value, failures: failures ?? [], key: inputs.applicationKey }).toEqual({
          form: form.value,
          failures: [],
          key: APP_A.key,
        });
        expect(await serveDynamic(kind, 'diff', [id, state, inputs])).toMatchObject({ changes: false, replaces: [] });
        // A state an earlier release wrote with the key as it was given reads as the same key.
        const recorded = { ...state, applicationKey: form.value };
        expect(await serveDynamic(kind, 'diff', [id, recorded, canonical])).toMatchObject({
          changes: false,
          replaces: [],
        });
      }
      expect(await requestCount()).toBe(0);
    },
  );

  it('a key configured in another form is the default in the canonical form', async () => {
    for (const form of forms) {
      await configureDynamic({ ...goodSettings(), applicationKey: form.value });
      const { inputs, failures } = await dynamicCheck('NumberAssignment', { number: VOICE_ONLY });
      expect({ form: form.value, failures: failures ?? [], key: inputs.applicationKey }).toEqual({
        form: form.value,
        failures: [],
        key: APP_A.key,
      });
    }
    expect(await requestCount()).toBe(0);
  });

  it('getNumbers, in the program and through invoke, answers the same numbers for every form', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_A.key });
    process.env.SINCH_APPLICATION_KEY = APP_A.key;
    process.env.SINCH_APPLICATION_SECRET = APP_A.secret;
    process.env.SINCH_BASE_URL = simulator.url;
    try {
      const runtime = createRuntime({ settings: goodSettings, log: () => undefined });
      const expected = await getNumbers({ applicationKey: APP_A.key });
      expect(expected.numbers.map(({ number }) => number).sort()).toEqual([VOICE_AND_SMS, VOICE_ONLY].sort());
      for (const form of forms) {
        expect({ form: form.value, ...(await getNumbers({ applicationKey: form.value as string })) }).toEqual({
          form: form.value,
          ...expected,
        });
        expect({ form: form.value, ...(await runtime.invoke('getNumbers', { applicationKey: form.value })) }).toEqual({
          form: form.value,
          result: expected,
          failures: [],
        });
      }
    } finally {
      for (const name of ['SINCH_APPLICATION_KEY', 'SINCH_APPLICATION_SECRET', 'SINCH_BASE_URL'])
        delete process.env[name];
    }
  });
});
