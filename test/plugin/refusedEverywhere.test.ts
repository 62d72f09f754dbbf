/**
 * Every class of bad value (test/support/badValueClasses.ts) through a running plugin, called over gRPC as the engine
 * calls it: CheckConfig names each bad setting, Check each bad resource input, Invoke each bad function argument,
 * each with a reason that is short, shows no raw control or invisible character and never the secret; none of them
 * reaches the API, and the plugin still answers a good Check after all of them.
 */
import { CheckRequest, ConfigureRequest, InvokeRequest } from '@pulumi/pulumi/proto/provider_pb';
import { engineLog } from '../../provider/plugin/engineLog';
import { startPlugin, type RunningPlugin } from '../../provider/plugin/server';
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
  Problems,
  refusalProblems,
  SECRET,
  secretsFor,
  type BadValue,
  type GoodValue,
} from '../support/badValueClasses';
import { APP_A, VOICE_ONLY } from '../support/fixtures';
import { admin, sharedSimulator } from '../support/simulator';
import { pluginClient, struct, urnOf, type PluginClient } from './rpc';

const simulator = sharedSimulator();

const requestCount = async () => (await admin<{ requests: unknown[] }>(simulator, 'GET', 'requests')).requests.length;

type Kind = keyof typeof BAD_INPUTS;
type FunctionName = keyof typeof BAD_ARGUMENTS;
type SettingName = keyof typeof BAD_SETTINGS;
type Failure = { property: string; reason: string };

const URNS: Record<Kind, string> = {
  NumberAssignment: urnOf('sinch:voice:NumberAssignment', 'line'),
  ApplicationCallbacks: urnOf('sinch:voice:ApplicationCallbacks', 'callbacks'),
};
const TOKENS: Record<FunctionName, string> = {
  getNumbers: 'sinch:voice:getNumbers',
  queryNumber: 'sinch:voice:queryNumber',
};
const PROVIDER_URN = urnOf('pulumi:providers:sinch', 'default');

const VALID: Record<Kind, Record<string, unknown>> = {
  NumberAssignment: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false },
  ApplicationCallbacks: {
    applicationKey: APP_A.key,
    primary: 'https://voice.example.com/events',
    fallback: 'https://backup.example.com/events',
  },
};

let plugin: RunningPlugin | undefined;
let client: PluginClient;

/** The default provider's inputs, as stack configuration gives them. */
const settings = (): Record<string, unknown> => ({
  applicationKey: APP_A.key,
  applicationSecret: APP_A.secret,
  baseUrl: simulator.url,
});

// One plugin process for the whole file, configured once, as the engine runs one per deployment.
beforeAll(async () => {
  plugin = await startPlugin({ environment: {}, log: engineLog(async () => undefined) });
  client = pluginClient(plugin.port);
  await client.configure(
    new ConfigureRequest().setArgs(struct(settings())).setType('pulumi:providers:sinch').setUrn(PROVIDER_URN),
  );
});
afterAll(() => {
  client?.close();
  plugin?.close();
});

const failuresOf = (response: { getFailuresList(): Array<{ getProperty(): string; getReason(): string }> }) =>
  response.getFailuresList().map((failure) => ({ property: failure.getProperty(), reason: failure.getReason() }));

async function checkConfig(news: Record<string, unknown>): Promise<Failure[]> {
  return failuresOf(await client.checkConfig(new CheckRequest().setUrn(PROVIDER_URN).setNews(struct(news))));
}

async function check(kind: Kind, news: Record<string, unknown>) {
  const response = await client.check(new CheckRequest().setUrn(URNS[kind]).setOlds(struct({})).setNews(struct(news)));
  return {
    inputs: (response.getInputs()?.toJavaScript() ?? {}) as Record<string, unknown>,
    failures: failuresOf(response),
  };
}

async function invoke(name: FunctionName, args: Record<string, unknown>) {
  const response = await client.invoke(new InvokeRequest().setTok(TOKENS[name]).setArgs(struct(args)));
  return { result: response.getReturn()?.toJavaScript(), failures: failuresOf(response) };
}

/** Each value through the call; a call that fails (a gRPC error) is a problem like a wrong answer. */
async function judged(values: readonly BadValue[], judge: (bad: BadValue) => Promise<string[]>): Promise<string[]> {
  const problems = new Problems();
  for (const bad of values) {
    try {
      problems.add(bad, await judge(bad));
    } catch (error) {
      problems.add(bad, [`the call failed: ${String((error as Error).message ?? error).slice(0, 200)}`]);
    }
  }
  return problems.report();
}

describe('CheckConfig names each bad setting, sinch:<name> in its reason', () => {
  const naming = (name: string, failures: Failure[]) =>
    failures.length === 1 && !failures[0]?.reason.startsWith(`sinch:${name}`)
      ? [`the reason does not begin with sinch:${name}: ${failures[0]?.reason.slice(0, 80)}`]
      : [];

  it.each(Object.entries(BAD_SETTINGS) as Array<[SettingName, BadValue[]]>)('sinch:%s', async (name, values) => {
    const problems = await judged(values, async (bad) => {
      const failures = await checkConfig({ ...settings(), [name]: bad.value });
      const secrets = name === 'applicationSecret' ? secretsFor(bad) : [SECRET];
      return [...refusalProblems(failures, name, secrets, bad, `sinch:${name}`), ...naming(name, failures)];
    });
    expect(problems).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it('sinch:applicationSecret with basic authentication', async () => {
    const problems = await judged(BAD_BASIC_SECRETS, async (bad) => {
      const failures = await checkConfig({ ...settings(), auth: 'basic', applicationSecret: bad.value });
      return [
        ...refusalProblems(failures, 'applicationSecret', secretsFor(bad), bad, 'sinch:applicationSecret'),
        ...naming('applicationSecret', failures),
      ];
    });
    expect(problems).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it.each(Object.entries(GOOD_SETTINGS) as Array<[SettingName, readonly GoodValue[]]>)(
    'every good sinch:%s passes, and so does the unknown marker',
    async (name, values) => {
      for (const good of [...values, { value: UNKNOWN, stored: UNKNOWN }])
        expect({ value: good.value, failures: await checkConfig({ ...settings(), [name]: good.value }) }).toEqual({
          value: good.value,
          failures: [],
        });
      expect(await requestCount()).toBe(0);
    },
  );
});

const inputCases = (Object.entries(BAD_INPUTS) as Array<[Kind, Record<string, BadValue[]>]>).flatMap(([kind, fields]) =>
  Object.entries(fields).map(([field, values]) => [`${kind}.${field}`, kind, field, values] as const),
);

describe('Check names each bad resource input', () => {
  it.each(inputCases)('%s', async (_name, kind, field, values) => {
    const problems = await judged(values, async (bad) => {
      const { failures } = await check(kind, { ...VALID[kind], [field]: bad.value });
      return refusalProblems(failures, field, [SECRET], bad);
    });
    expect(problems).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it.each(
    (Object.entries(GOOD_INPUTS) as Array<[Kind, Record<string, readonly GoodValue[]>]>).flatMap(([kind, fields]) =>
      Object.entries(fields).map(([field, values]) => [`${kind}.${field}`, kind, field, values] as const),
    ),
  )('every good %s passes in its parsed form, and so does the unknown marker', async (_name, kind, field, values) => {
    for (const good of [...values, { value: UNKNOWN, stored: UNKNOWN }]) {
      const { inputs, failures } = await check(kind, { ...VALID[kind], [field]: good.value });
      expect({ value: good.value, failures, stored: inputs[field] }).toEqual({
        value: good.value,
        failures: [],
        stored: good.stored,
      });
    }
    expect(await requestCount()).toBe(0);
  });
});

const argumentCases = (Object.entries(BAD_ARGUMENTS) as Array<[FunctionName, Record<string, BadValue[]>]>).flatMap(
  ([name, fields]) =>
    Object.entries(fields).map(([field, values]) => [`${name}(${field})`, name, field, values] as const),
);

describe('Invoke names each bad function argument', () => {
  it.each(argumentCases)('%s', async (_name, name, field, values) => {
    const problems = await judged(values, async (bad) => {
      const { result, failures } = await invoke(name, { [field]: bad.value });
      return [...refusalProblems(failures, field), ...(result === undefined ? [] : ['a result came with the failure'])];
    });
    expect(problems).toEqual([]);
    expect(await requestCount()).toBe(0);
  });

  it.each(
    (Object.entries(GOOD_ARGUMENTS) as Array<[FunctionName, Record<string, readonly GoodValue[]>]>).flatMap(
      ([name, fields]) =>
        Object.entries(fields).map(([field, values]) => [`${name}(${field})`, name, field, values] as const),
    ),
  )('every good %s is answered', async (_name, name, field, values) => {
    for (const good of values) {
      const { result, failures } = await invoke(name, { [field]: good.value });
      expect({ value: good.value, failures }).toEqual({ value: good.value, failures: [] });
      expect(result).toBeDefined();
    }
  });
});

describe('the application key in its other forms is the same key', () => {
  it('Invoke getNumbers answers the same numbers for the dashless and capitalised forms', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    const expected = await invoke('getNumbers', { applicationKey: APP_A.key });
    expect(expected.failures).toEqual([]);
    expect(JSON.stringify(expected.result)).toContain(VOICE_ONLY);
    for (const form of GOOD_APPLICATION_KEYS.filter(({ stored }) => stored === APP_A.key))
      expect({ form: form.value, ...(await invoke('getNumbers', { applicationKey: form.value })) }).toEqual({
        form: form.value,
        ...expected,
      });
  });
});

describe('after all of them', () => {
  it('the plugin still answers a good Check of each kind, and no bad value reached the API', async () => {
    for (const kind of Object.keys(VALID) as Kind[]) {
      const { inputs, failures } = await check(kind, VALID[kind]);
      expect(failures).toEqual([]);
      expect(inputs).toMatchObject(VALID[kind]);
    }
    expect(await checkConfig(settings())).toEqual([]);
    expect(await requestCount()).toBe(0);
  });
});
