/**
 * The plugin's gRPC service in this process, called as the engine calls it, against the simulator: the provider
 * methods (plugin info, schema, configuration), each resource method mapped onto the implementation, functions,
 * errors as gRPC statuses, log lines that reach the engine before the answer, and the secret never in an answer.
 */
import { status } from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import {
  CheckRequest,
  ConfigureRequest,
  CreateRequest,
  DeleteRequest,
  DiffRequest,
  DiffResponse,
  GetSchemaRequest,
  InvokeRequest,
  PropertyDiff,
  ReadRequest,
  UpdateRequest,
} from '@pulumi/pulumi/proto/provider_pb';
import { engineLog } from '../../provider/plugin/engineLog';
import { startPlugin, type RunningPlugin } from '../../provider/plugin/server';
import { packageVersion } from '../../provider/plugin/version';
import { UNKNOWN } from '../../provider/validation';
import { APP_A, APP_B, expectNoSecret, FOREIGN_NUMBER, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';
import { pluginClient, rpcError, secret, struct, urnOf, type PluginClient } from './rpc';

const simulator = sharedSimulator();

const NUMBER_TYPE = 'sinch:voice:NumberAssignment';
const CALLBACKS_TYPE = 'sinch:voice:ApplicationCallbacks';
const LINE = urnOf(NUMBER_TYPE, 'main-line');
const CALLBACKS = urnOf(CALLBACKS_TYPE, 'callbacks');

interface Line {
  severity: string;
  message: string;
  urn: string;
}

let plugin: RunningPlugin | undefined;
let client: PluginClient;
let lines: Line[];

function stop(): void {
  client?.close();
  plugin?.close();
  plugin = undefined;
}

/** A plugin process's service, here (replacing the one before): it inherits `environment`, log lines are recorded. */
async function start(environment: NodeJS.ProcessEnv = {}): Promise<void> {
  stop();
  lines = [];
  plugin = await startPlugin({
    environment,
    log: engineLog(async (severity, message, urn) => void lines.push({ severity, message, urn })),
  });
  client = pluginClient(plugin.port);
}

beforeEach(() => start());
afterEach(stop);

/**
 * The next phase of a deployment, as the engine runs it: a new plugin process, configured again. One process is one
 * deployment (it shares its view of the bindings and its claims), so a refresh or a second up never runs in the
 * process of the first.
 */
async function nextPhase(): Promise<void> {
  await start();
  await configure(settings());
}

const requests = async () =>
  (
    await admin<{ requests: Array<{ method: string; route: string; caller?: string; status: number }> }>(
      simulator,
      'GET',
      'requests',
    )
  ).requests;
const writes = async () => (await requests()).filter((request) => request.method !== 'GET');

/** The default provider's inputs, as stack configuration gives them. */
const settings = (extra: Record<string, unknown> = {}) => ({
  applicationKey: APP_A.key,
  applicationSecret: APP_A.secret,
  baseUrl: simulator.url,
  ...extra,
});

const configure = (args: Record<string, unknown>) =>
  client.configure(
    new ConfigureRequest()
      .setArgs(struct(args))
      .setType('pulumi:providers:sinch')
      .setUrn(urnOf('pulumi:providers:sinch', 'default')),
  );

const checkConfig = async (news: Record<string, unknown>) => {
  const response = await client.checkConfig(
    new CheckRequest().setUrn(urnOf('pulumi:providers:sinch', 'default')).setNews(struct(news)),
  );
  return response
    .getFailuresList()
    .map((failure) => ({ property: failure.getProperty(), reason: failure.getReason() }));
};

const check = async (urn: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) => {
  const response = await client.check(new CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news)));
  return {
    inputs: response.getInputs()?.toJavaScript() ?? {},
    failures: response.getFailuresList().map((failure) => failure.getProperty()),
  };
};

const create = async (urn: string, inputs: Record<string, unknown>) => {
  const checked = await check(urn, inputs);
  const response = await client.create(new CreateRequest().setUrn(urn).setProperties(struct(checked.inputs)));
  return { id: response.getId(), outs: response.getProperties()?.toJavaScript() ?? {} };
};

const read = async (urn: string, id: string, props: Record<string, unknown>) => {
  const response = await client.read(new ReadRequest().setUrn(urn).setId(id).setProperties(struct(props)));
  return {
    id: response.getId(),
    props: response.getProperties()?.toJavaScript(),
    inputs: response.getInputs()?.toJavaScript(),
  };
};

const diff = (urn: string, id: string, olds: Record<string, unknown>, news: Record<string, unknown>) =>
  client.diff(new DiffRequest().setUrn(urn).setId(id).setOlds(struct(olds)).setNews(struct(news)));

const details = (response: DiffResponse): Record<string, PropertyDiff.Kind | undefined> => {
  const map = response.getDetaileddiffMap();
  return Object.fromEntries(map.getEntryList().map(([name]) => [name, map.get(name)?.getKind()]));
};

describe('provider methods', () => {
  it('GetPluginInfo answers the package version, the version `pulumi plugin install` names', async () => {
    expect((await client.getPluginInfo(new Empty())).getVersion()).toBe(packageVersion());
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('GetSchema answers package sinch, module voice, with the provider configuration and its secret', async () => {
    const schema = JSON.parse((await client.getSchema(new GetSchemaRequest())).getSchema()) as {
      name: string;
      version: string;
      resources: Record<string, unknown>;
      functions: Record<string, unknown>;
      config: { variables: Record<string, { secret?: boolean; defaultInfo?: { environment: string[] } }> };
    };
    expect(schema.name).toBe('sinch');
    expect(schema.version).toBe(packageVersion());
    expect(Object.keys(schema.resources).sort()).toEqual([CALLBACKS_TYPE, NUMBER_TYPE]);
    expect(Object.keys(schema.functions).sort()).toEqual(['sinch:voice:getNumbers', 'sinch:voice:queryNumber']);
    expect(schema.config.variables.applicationSecret).toMatchObject({
      secret: true,
      defaultInfo: { environment: ['SINCH_APPLICATION_SECRET'] },
    });
  });

  it('Configure declines secrets, resources, outputs and previews: the engine strips secrets and never creates at preview', async () => {
    const answer = await configure(settings());
    expect(answer.getAcceptsecrets()).toBe(false);
    expect(answer.getAcceptresources()).toBe(false);
    expect(answer.getAcceptoutputs()).toBe(false);
    expect(answer.getSupportspreview()).toBe(false);
  });

  it('Cancel, which the engine sends at the end of every operation, answers and leaves the plugin serving', async () => {
    await expect(client.cancel(new Empty())).resolves.toBeInstanceOf(Empty);
    await expect(client.getPluginInfo(new Empty())).resolves.toBeDefined();
  });

  it('DiffConfig is left to the engine (UNIMPLEMENTED makes it compare the provider inputs itself)', async () => {
    expect((await rpcError(client.diffConfig(new DiffRequest()))).code).toBe(status.UNIMPLEMENTED);
  });
});

describe('CheckConfig: every setting that cannot work is named, before any API call', () => {
  afterEach(async () => expect(await requests()).toEqual([]));

  it('accepts working settings and answers the news unchanged (the engine marks the secret again itself)', async () => {
    const news = settings({ auth: 'basic', operationTimeout: 30, maxRetries: '2' });
    const response = await client.checkConfig(new CheckRequest().setNews(struct(news)));
    expect(response.getFailuresList()).toEqual([]);
    expect(response.getInputs()?.toJavaScript()).toEqual(news);
  });

  it('names sinch:auth for an unknown scheme', async () => {
    expect(await checkConfig(settings({ auth: 'hmac' }))).toEqual([
      { property: 'auth', reason: expect.stringContaining('sinch:auth') },
    ]);
  });

  it('names the secret when it is not base64 for signed requests, without repeating it', async () => {
    const failures = await checkConfig(settings({ applicationSecret: 'not base64 !!' }));
    // Under no property: the engine prints a failed property's value beside it, and this value is the secret.
    expect(failures).toEqual([{ property: '', reason: expect.stringMatching(/^sinch:applicationSecret /) }]);
    expectNoSecret(JSON.stringify(failures), 'not base64 !!');
  });

  it('cuts the secret out of a reason that would repeat it (a secret pasted into another setting)', async () => {
    const failures = await checkConfig(settings({ baseUrl: APP_A.secret }));
    expect(failures).toEqual([
      {
        property: '',
        reason:
          'sinch:baseUrl holds the application secret ([secret]), which belongs in sinch:applicationSecret alone: anywhere else it would be shown, sent or stored in plain text',
      },
    ]);
    expectNoSecret(JSON.stringify(failures), APP_A.secret);
  });

  it('names each bad setting at once', async () => {
    const failures = await checkConfig(
      settings({ auth: 'hmac', baseUrl: 'ftp://example.com', maxRetries: 'many', operationTimeout: 0 }),
    );
    expect(failures.map((failure) => failure.property).sort()).toEqual([
      'auth',
      'baseUrl',
      'maxRetries',
      'operationTimeout',
    ]);
    for (const failure of failures) expect(failure.reason).toContain(`sinch:${failure.property}`);
  });

  it('names both missing credentials, with the ways to give them', async () => {
    const failures = await checkConfig({ baseUrl: simulator.url });
    expect(failures).toEqual([
      {
        property: 'applicationKey',
        reason: expect.stringMatching(/sinch:applicationKey is not set.*SINCH_APPLICATION_KEY/),
      },
      {
        property: 'applicationSecret',
        reason: expect.stringMatching(/sinch:applicationSecret is not set.*--secret.*SINCH_APPLICATION_SECRET/),
      },
    ]);
  });

  it('takes what the inputs leave out from the environment, as the schema declares (the engine does not apply it)', async () => {
    await start({ SINCH_APPLICATION_KEY: APP_A.key, SINCH_APPLICATION_SECRET: APP_A.secret, SINCH_AUTH: 'hmac' });
    expect(await checkConfig({})).toEqual([{ property: 'auth', reason: expect.stringContaining('sinch:auth') }]);
  });

  it('does not judge values the engine does not know yet (a preview)', async () => {
    expect(
      await checkConfig({ applicationKey: UNKNOWN, applicationSecret: UNKNOWN, baseUrl: UNKNOWN, auth: UNKNOWN }),
    ).toEqual([]);
  });
});

describe('Configure: the provider inputs, secrets unwrapped, the environment after them', () => {
  it('signs with the secret that arrived wrapped', async () => {
    await configure(settings({ applicationSecret: secret(APP_B.secret), applicationKey: APP_B.key }));
    await create(LINE, { number: VOICE_ONLY });
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
    expect((await writes()).map((request) => [request.caller, request.status])).toEqual([[APP_B.key, 204]]);
  });

  it('takes settings the inputs lack from the environment, and gives the inputs precedence', async () => {
    await start({
      SINCH_APPLICATION_SECRET: APP_A.secret,
      SINCH_BASE_URL: 'https://callingapi.sinch.com',
      SINCH_APPLICATION_KEY: APP_B.key,
    });
    await configure({ applicationKey: APP_A.key, baseUrl: simulator.url, operationTimeout: 30 });
    await create(LINE, { number: VOICE_ONLY });
    expect((await writes()).map((request) => request.caller)).toEqual([APP_A.key]);
  });

  it("explains refused credentials in the provider's terms, without the secret", async () => {
    const wrong = 'd3Jvbmctc2VjcmV0LXZhbHVl';
    await configure(settings({ applicationSecret: secret(wrong) }));
    const error = await rpcError(create(LINE, { number: VOICE_ONLY }));
    expect(error.code).toBe(status.UNKNOWN);
    expect(error.details).toMatch(/sinch:applicationKey.*sinch:applicationSecret/s);
    expectNoSecret(`${error.details} ${error.message}`, wrong);
  });
});

describe('resources', () => {
  beforeEach(() => configure(settings()));

  it('check fills the defaults and lowercases application keys, as the dynamic resources do', async () => {
    expect(await check(LINE, { number: VOICE_ONLY, applicationKey: APP_B.key.toUpperCase() })).toEqual({
      inputs: { number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice', allowReassign: false },
      failures: [],
    });
    expect((await check(LINE, { number: VOICE_ONLY })).inputs).toMatchObject({ applicationKey: APP_A.key });
  });

  it('check names each bad property, before any API call; unknown values pass', async () => {
    expect(
      (await check(LINE, { number: '2015550100', capability: 'fax', allowReassign: 'yes' })).failures.sort(),
    ).toEqual(['allowReassign', 'capability', 'number']);
    expect((await check(CALLBACKS, { primary: 'ftp://voice.example.com' })).failures).toEqual(['primary']);
    expect((await check(LINE, { number: UNKNOWN, applicationKey: UNKNOWN })).failures).toEqual([]);
    expect((await check(CALLBACKS, { primary: UNKNOWN, fallback: UNKNOWN })).failures).toEqual([]);
    expect(await requests()).toEqual([]);
  });

  it('finds the resource type in the URN when the request has none (older engines)', async () => {
    const response = await client.check(
      new CheckRequest().setUrn(urnOf(`pulumi:pulumi:Stack$${NUMBER_TYPE}`, 'nested')).setNews(struct({ number: 'x' })),
    );
    expect(response.getFailuresList().map((failure) => failure.getProperty())).toEqual(['number']);
  });

  it('create, read, update and delete a NumberAssignment', async () => {
    const { id, outs } = await create(LINE, { number: VOICE_AND_SMS, capability: 'sms' });
    expect(id).toBe(`${VOICE_AND_SMS}/sms`);
    expect(outs).toMatchObject({
      number: VOICE_AND_SMS,
      capability: 'sms',
      applicationKey: APP_A.key,
      assignedApplicationKey: APP_A.key,
      adopted: false,
    });
    // Absent outputs stay absent: the number was unbound, so nothing was found.
    expect(outs).not.toHaveProperty('foundApplicationKey');
    await nextPhase();
    expect(await read(LINE, id, outs)).toEqual({
      id,
      props: outs,
      inputs: { number: VOICE_AND_SMS, capability: 'sms', applicationKey: APP_A.key, allowReassign: false },
    });

    await nextPhase();
    const news = (await check(LINE, { number: VOICE_AND_SMS, capability: 'sms', applicationKey: APP_B.key })).inputs;
    const moved = await client.update(
      new UpdateRequest().setUrn(LINE).setId(id).setOlds(struct(outs)).setNews(struct(news)),
    );
    expect(moved.getProperties()?.toJavaScript()).toMatchObject({
      applicationKey: APP_B.key,
      assignedApplicationKey: APP_B.key,
    });
    expect((await simulatorState(simulator)).bindings).toEqual({ [id]: APP_B.key });

    await nextPhase();
    await client.delete(new DeleteRequest().setUrn(LINE).setId(id).setProperties(moved.getProperties()));
    expect((await simulatorState(simulator)).bindings).toEqual({});
  });

  it('read answers no id for a binding gone from the dashboard, so that refresh drops it', async () => {
    const { id, outs } = await create(LINE, { number: VOICE_ONLY });
    await admin(simulator, 'DELETE', 'bindings', { number: VOICE_ONLY });
    await nextPhase();
    expect(await read(LINE, id, outs)).toEqual({ id: '', props: undefined, inputs: undefined });
  });

  it('an import (read with no state) answers inputs and records the binding as found', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    const imported = await read(LINE, `${VOICE_ONLY}/voice`, {});
    expect(imported.inputs).toEqual({
      number: VOICE_ONLY,
      capability: 'voice',
      applicationKey: APP_B.key,
      allowReassign: false,
    });
    expect(imported.props).toMatchObject({ adopted: true, foundApplicationKey: APP_B.key });
  });

  it('diff answers which property changed and which one replaces, in detail', async () => {
    const { id, outs } = await create(LINE, { number: VOICE_ONLY });
    const same = await diff(LINE, id, outs, (await check(LINE, { number: VOICE_ONLY })).inputs);
    expect(same.getChanges()).toBe(DiffResponse.DiffChanges.DIFF_NONE);

    const moved = await diff(
      LINE,
      id,
      outs,
      (await check(LINE, { number: VOICE_ONLY, applicationKey: APP_B.key })).inputs,
    );
    expect(moved.getChanges()).toBe(DiffResponse.DiffChanges.DIFF_SOME);
    expect(moved.getReplacesList()).toEqual([]);
    expect(details(moved)).toEqual({ applicationKey: PropertyDiff.Kind.UPDATE });
    expect(moved.getHasdetaileddiff()).toBe(true);

    const renumbered = await diff(
      LINE,
      id,
      outs,
      (await check(LINE, { number: VOICE_AND_SMS, allowReassign: true })).inputs,
    );
    expect(renumbered.getReplacesList()).toEqual(['number']);
    expect(details(renumbered)).toEqual({
      number: PropertyDiff.Kind.UPDATE_REPLACE,
      allowReassign: PropertyDiff.Kind.UPDATE,
    });
    expect(renumbered.getDiffsList().sort()).toEqual(['allowReassign', 'number']);
  });

  it('diff of callbacks: a fallback added, and one removed', async () => {
    const { id, outs } = await create(CALLBACKS, { primary: 'https://voice.example.com/a' });
    const added = await diff(
      CALLBACKS,
      id,
      outs,
      (await check(CALLBACKS, { primary: 'https://voice.example.com/a', fallback: 'https://backup.example.com/' }))
        .inputs,
    );
    expect(details(added)).toEqual({ fallback: PropertyDiff.Kind.ADD });
    const withFallback = { ...outs, fallback: 'https://backup.example.com/' };
    const removed = await diff(
      CALLBACKS,
      id,
      withFallback,
      (await check(CALLBACKS, { primary: 'https://voice.example.com/a' })).inputs,
    );
    expect(details(removed)).toEqual({ fallback: PropertyDiff.Kind.DELETE });
  });

  it('adoption is said under the resource, and the line reaches the engine before the answer', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    await create(LINE, { number: VOICE_ONLY });
    expect(lines).toEqual([
      {
        severity: 'info',
        message: expect.stringMatching(/^pulumi-sinch-voice: \+12012222222 \(voice\) adopted: already bound to/),
        urn: LINE,
      },
    ]);
  });

  it('a binding left alone on delete, moved since: a warning under the resource, for the engine to show as one', async () => {
    const { id, outs } = await create(LINE, { number: VOICE_ONLY });
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    await nextPhase();
    await client.delete(new DeleteRequest().setUrn(LINE).setId(id).setProperties(struct(outs)));
    expect(lines).toEqual([
      {
        severity: 'warning',
        message: expect.stringMatching(/^pulumi-sinch-voice: \+12012222222 \(voice\) left alone: it is bound to/),
        urn: LINE,
      },
    ]);
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
  });

  it("an API refusal fails the call with Sinch's message and no secret", async () => {
    const error = await rpcError(create(LINE, { number: FOREIGN_NUMBER }));
    expect(error.code).toBe(status.UNKNOWN);
    expect(error.details).toContain(FOREIGN_NUMBER);
    expectNoSecret(JSON.stringify(error), APP_A.secret);
  });

  it('a type the package does not have is NOT_FOUND, naming it, with no API call', async () => {
    const error = await rpcError(
      client.check(
        new CheckRequest().setUrn(urnOf('sinch:voice:Nothing', 'x')).setType('sinch:voice:Nothing').setNews(struct({})),
      ),
    );
    expect(error.code).toBe(status.NOT_FOUND);
    expect(error.details).toContain('"sinch:voice:Nothing"');
    expect(await requests()).toEqual([]);
  });
});

describe('functions', () => {
  beforeEach(() => configure(settings()));

  const invoke = async (tok: string, args: Record<string, unknown>) => {
    const response = await client.invoke(new InvokeRequest().setTok(tok).setArgs(struct(args)));
    return {
      result: response.getReturn()?.toJavaScript(),
      failures: response.getFailuresList().map((failure) => [failure.getProperty(), failure.getReason()]),
    };
  };

  it('getNumbers answers the bindings its arguments select', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    expect(await invoke('sinch:voice:getNumbers', { applicationKey: APP_B.key.toUpperCase() })).toEqual({
      result: { numbers: [{ number: VOICE_ONLY, capability: 'voice', applicationKey: APP_B.key }] },
      failures: [],
    });
  });

  it('queryNumber answers what the API says of a number', async () => {
    expect((await invoke('sinch:voice:queryNumber', { number: VOICE_ONLY })).result).toMatchObject({
      normalizedNumber: VOICE_ONLY,
      countryId: 'US',
    });
  });

  it('bad arguments are failures naming them, with no API call', async () => {
    const answer = await invoke('sinch:voice:getNumbers', { capability: 'fax' });
    expect(answer).toEqual({ result: undefined, failures: [['capability', expect.any(String)]] });
    expect((await invoke('sinch:voice:queryNumber', {})).failures.map(([property]) => property)).toEqual(['number']);
    expect(await requests()).toEqual([]);
  });

  it('a function the package does not have is NOT_FOUND', async () => {
    const error = await rpcError(
      client.invoke(new InvokeRequest().setTok('sinch:voice:getEverything').setArgs(struct({}))),
    );
    expect(error.code).toBe(status.NOT_FOUND);
    expect(error.details).toContain('sinch:voice:getEverything');
  });
});
