import { inspect } from 'node:util';
import { SinchConfigurationError } from '../../provider';
import { connect, parseSettings, resolveSettings } from '../../provider/configuration';
import { deploymentContext } from '../../provider/implementation';
import type * as implementation from '../../provider/implementation';
import { APP_A, APP_B, expectNoSecret, failureOf, VOICE_ONLY } from '../support/fixtures';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();

const ENVIRONMENT_KEYS = ['SINCH_APPLICATION_KEY', 'SINCH_APPLICATION_SECRET', 'SINCH_BASE_URL', 'SINCH_AUTH'];
const savedEnvironment = Object.fromEntries(ENVIRONMENT_KEYS.map((key) => [key, process.env[key]]));
afterEach(() => {
  for (const key of ENVIRONMENT_KEYS) {
    if (savedEnvironment[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnvironment[key];
  }
});

/** What the dynamic-provider host hands to configure(). */
/** The provider process's entry point; each test gets a fresh module, as each deployment gets a fresh process. */
let dispatch: typeof implementation.dispatch;
beforeEach(() => {
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy of the module for each test
    ({ dispatch } = require('../../provider/implementation') as typeof implementation);
  });
});

const configureWith = (values: Record<string, string>) =>
  dispatch('NumberAssignment', 'configure', [
    { config: { get: (key: string) => values[key], require: (key: string) => values[key] } },
  ]);

const inputs = {
  number: VOICE_ONLY,
  applicationKey: APP_B.key,
  capability: 'voice',
  allowReassign: false,
  __provider: 'shim',
};
const requests = async () => (await admin<{ requests: unknown[] }>(simulator, 'GET', 'requests')).requests;

describe('settings', () => {
  it('stack configuration wins over the environment; the environment fills the rest; empty counts as unset', () => {
    const config: Record<string, string> = { 'sinch:applicationKey': 'from-config', 'sinch:baseUrl': '' };
    const settings = resolveSettings((key) => config[key], {
      SINCH_APPLICATION_KEY: 'from-env',
      SINCH_APPLICATION_SECRET: 'env-secret',
      SINCH_BASE_URL: 'http://env',
    });
    expect(settings).toEqual({ applicationKey: 'from-config', applicationSecret: 'env-secret', baseUrl: 'http://env' });
  });

  it('missing credentials: one error naming every missing key and how to set it', () => {
    let error: Error | undefined;
    try {
      connect({});
    } catch (caught) {
      error = caught as Error;
    }
    expect(error).toBeInstanceOf(SinchConfigurationError);
    expect(error?.message).toMatch(
      /sinch:applicationKey \(or SINCH_APPLICATION_KEY\) is not set; sinch:applicationSecret \(or SINCH_APPLICATION_SECRET\) is not set/,
    );
    expect(error?.message).toMatch(/pulumi config set --secret sinch:applicationSecret/);
  });

  it('a bad auth scheme or a secret that is not base64 is named without showing the secret', () => {
    expect(() => connect({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, auth: 'oauth' })).toThrow(
      /sinch:auth must be one of signed, basic; got "oauth"/,
    );
    const secret = 'not base64 at all!';
    let message = '';
    try {
      connect({ applicationKey: APP_A.key, applicationSecret: secret });
    } catch (caught) {
      message = inspect(caught);
    }
    expect(message).toMatch(/applicationSecret must be the base64 value/);
    expectNoSecret(message, secret);
  });

  it('a base URL that is not absolute names sinch:baseUrl', () => {
    expect(() =>
      connect({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: 'callingapi.sinch.com' }),
    ).toThrow(
      /^sinch:baseUrl must be an absolute http\(s\) URL such as https:\/\/callingapi\.sinch\.com; got "callingapi\.sinch\.com"$/,
    );
  });

  it('an application key that is not one Sinch issues names sinch:applicationKey', () => {
    expect(() => connect({ applicationKey: 'k', applicationSecret: APP_A.secret })).toThrow(
      /^sinch:applicationKey "k" is not a Sinch application key/,
    );
  });
});

describe('the same settings, judged once', () => {
  const given = { applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: 'http://127.0.0.1:1' };

  it('parseSettings answers equal settings with the answer it gave, frozen, and judges a changed one anew', () => {
    const first = parseSettings({ ...given });
    expect(parseSettings({ ...given })).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.settings) && Object.isFrozen(first.failures)).toBe(true);
    expect(first.failures).toEqual([]);

    const changed = parseSettings({ ...given, baseUrl: 'callingapi.sinch.com' });
    expect(changed.failures.map((failure) => failure.setting)).toEqual(['baseUrl']);
    expect(changed.settings.baseUrl).toBeUndefined();
    const back = parseSettings({ ...given });
    expect(back).not.toBe(changed);
    expect(back.settings).toEqual(first.settings);
  });

  it('a changed secret alone is judged anew, and an error keeps copies of the shared failures', () => {
    expect(parseSettings({ ...given }).failures).toEqual([]);
    const otherSecret = parseSettings({ ...given, applicationSecret: 'not base64 at all!' });
    expect(otherSecret.failures.map((failure) => failure.setting)).toEqual(['applicationSecret']);

    const bad = { ...given, baseUrl: 'callingapi.sinch.com' };
    const error = (() => {
      try {
        connect(bad);
      } catch (caught) {
        return caught as SinchConfigurationError;
      }
      throw new Error('connect accepted a base URL that is not absolute');
    })();
    const [failure] = error.failures;
    if (failure) failure.reason = 'changed by the caller';
    expect(parseSettings({ ...bad }).failures[0]?.reason).toMatch(/^sinch:baseUrl must be an absolute/);
  });

  it('a deployment keeps one client per settings, and follows the settings when they change', () => {
    let current: Record<string, unknown> = { ...given };
    const context = deploymentContext(
      () => ({ ...current }),
      () => undefined,
    );
    const clientOfA = context.client();
    expect(context.client()).toBe(clientOfA);
    current = { ...given, applicationKey: APP_B.key, applicationSecret: APP_B.secret };
    const clientOfB = context.client();
    expect(clientOfB).not.toBe(clientOfA);
    current = { ...given };
    expect(context.client()).toBe(clientOfA);
  });
});

describe('dispatch: what the serialized shim calls', () => {
  it('uses the stack configuration given to configure()', async () => {
    await configureWith({
      'sinch:applicationKey': APP_A.key,
      'sinch:applicationSecret': APP_A.secret,
      'sinch:baseUrl': simulator.url,
    });
    await dispatch('NumberAssignment', 'create', [inputs]);
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
  });

  it('falls back to the environment, read when the method runs', async () => {
    await configureWith({});
    Object.assign(process.env, {
      SINCH_APPLICATION_KEY: APP_B.key,
      SINCH_APPLICATION_SECRET: APP_B.secret,
      SINCH_BASE_URL: simulator.url,
      SINCH_AUTH: 'basic',
    });
    await dispatch('NumberAssignment', 'create', [inputs]);
    expect(
      (await admin<{ requests: Array<{ caller: string; scheme: string }> }>(simulator, 'GET', 'requests')).requests[0],
    ).toMatchObject({ caller: APP_B.key, scheme: 'Basic' });
  });

  it('without credentials, fails with the configuration error before any API call', async () => {
    await configureWith({ 'sinch:baseUrl': simulator.url });
    for (const key of ENVIRONMENT_KEYS) delete process.env[key];
    const error = await failureOf(
      dispatch('ApplicationCallbacks', 'read', [
        APP_A.key,
        { applicationKey: APP_A.key, primary: 'https://x.example' },
      ]),
    );
    // The isolated module has its own class: compare by name.
    expect(error.constructor.name).toBe(SinchConfigurationError.name);
    expect(await requests()).toEqual([]);
  });

  it('check fills applicationKey from configuration', async () => {
    await configureWith({ 'sinch:applicationKey': APP_A.key });
    const result = await dispatch('NumberAssignment', 'check', [{}, { number: VOICE_ONLY }]);
    expect(result).toMatchObject({ inputs: { applicationKey: APP_A.key }, failures: [] });
  });
});

describe('the retry budget', () => {
  it('sinch:operationTimeout and sinch:maxRetries are whole numbers, named when wrong', () => {
    const credentials = { applicationKey: APP_A.key, applicationSecret: APP_A.secret };
    expect(() => connect({ ...credentials, operationTimeout: '30', maxRetries: '0' })).not.toThrow();
    expect(() => connect({ ...credentials, operationTimeout: '0' })).toThrow(
      /sinch:operationTimeout must be a whole number from 1 to 3600; got "0"/,
    );
    expect(() => connect({ ...credentials, maxRetries: 'many' })).toThrow(
      /sinch:maxRetries must be a whole number from 0 to 100; got "many"/,
    );
  });

  it('maxRetries 0 from the environment: a 503 is not retried', async () => {
    await admin(simulator, 'POST', 'faults', { status: 503, count: 1 });
    const client = connect({
      ...resolveSettings(() => undefined, { SINCH_MAX_RETRIES: '0' }),
      applicationKey: APP_A.key,
      applicationSecret: APP_A.secret,
      baseUrl: simulator.url,
    });
    await expect(client.listNumbers()).rejects.toThrow(/HTTP 503/);
    expect(await requests()).toHaveLength(1);
  });
});
