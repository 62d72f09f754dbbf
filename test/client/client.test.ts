import { inspect } from 'node:util';
import { SinchApiError, SinchConfigurationClient, SinchConnectionError, type AuthScheme } from '../../provider';
import {
  APP_A,
  APP_B,
  expectNoSecret,
  failureOf,
  FOREIGN_NUMBER,
  VOICE_AND_SMS,
  VOICE_ONLY,
  VOICE_ONLY_2,
} from '../support/fixtures';
import { admin, clientFor, sharedSimulator, simulatorState, startTestSimulator } from '../support/simulator';

const simulator = sharedSimulator();

interface LoggedRequest {
  route: string;
  status: number;
  scheme?: string;
  caller?: string;
}
const requestLog = async () => (await admin<{ requests: LoggedRequest[] }>(simulator, 'GET', 'requests')).requests;

describe.each<AuthScheme>(['signed', 'basic'])('every operation with %s authentication', (auth) => {
  it('assign, list, unassign round-trip', async () => {
    const client = clientFor(simulator, auth);
    await client.assignNumbers({ numbers: [VOICE_ONLY, VOICE_ONLY_2], applicationKey: APP_B.key, capability: 'voice' });
    await client.assignNumbers({ numbers: [VOICE_AND_SMS], capability: 'sms' });
    expect(await client.listNumbers()).toEqual(
      expect.arrayContaining([
        { number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice' },
        { number: VOICE_ONLY_2, applicationKey: APP_B.key, capability: 'voice' },
        { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'sms' },
        { number: VOICE_AND_SMS, capability: 'voice' },
      ]),
    );
    await client.unassignNumber({ number: VOICE_ONLY, applicationKey: APP_B.key, capability: 'voice' });
    await client.unassignNumber({ number: VOICE_AND_SMS });
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY_2}/voice`]: APP_B.key });
    const schemes = new Set((await requestLog()).map((entry) => entry.scheme));
    expect(schemes).toEqual(new Set([auth === 'signed' ? 'Application' : 'Basic']));
  });

  it('update and get callbacks round-trip, and an empty fallback clears it', async () => {
    const client = clientFor(simulator, auth);
    await client.updateCallbacks(APP_B.key, {
      primary: 'https://example.com/voice',
      fallback: 'https://backup.example.com/voice',
    });
    expect(await client.getCallbacks(APP_B.key)).toEqual({
      primary: 'https://example.com/voice',
      fallback: 'https://backup.example.com/voice',
    });
    await client.updateCallbacks(APP_B.key, { primary: 'https://example.com/v2', fallback: '' });
    expect(await client.getCallbacks(APP_B.key)).toEqual({ primary: 'https://example.com/v2' });
  });

  it('query number answers the number object', async () => {
    const client = clientFor(simulator, auth);
    expect(await client.queryNumber('+46701234567')).toEqual({
      countryId: 'SE',
      numberType: 'Mobile',
      normalizedNumber: '+46701234567',
      restricted: false,
      rate: { currencyId: 'USD', amount: expect.any(Number) },
    });
  });
});

describe('assign splits large batches', () => {
  it('250 numbers go out as three calls of at most 100', async () => {
    const numbers = Array.from({ length: 250 }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);
    for (const number of numbers) await admin(simulator, 'PUT', 'numbers', { number });
    await admin(simulator, 'DELETE', 'requests');
    await clientFor(simulator, 'signed').assignNumbers({ numbers, applicationKey: APP_B.key });
    const posts = (await requestLog()).filter((entry) => entry.route === 'POST /v1/configuration/numbers');
    expect(posts.map((entry) => entry.status)).toEqual([204, 204, 204]);
    const { counters } = await admin<{ counters: Record<string, number> }>(simulator, 'GET', 'counters');
    expect(counters['POST /v1/configuration/numbers']).toBe(3);
    const bindings = (await simulatorState(simulator)).bindings;
    expect(numbers.every((number) => bindings[`${number}/voice`] === APP_B.key)).toBe(true);
  });

  it('an empty list is refused before any call', async () => {
    await expect(clientFor(simulator, 'signed').assignNumbers({ numbers: [] })).rejects.toThrow(/at least one number/);
    expect(await requestLog()).toEqual([]);
  });
});

describe('errors', () => {
  it('a refusal becomes a SinchApiError with status, errorCode, message, reference and operation', async () => {
    const error = await failureOf(clientFor(simulator, 'signed').assignNumbers({ numbers: [FOREIGN_NUMBER] }));
    expect(error).toBeInstanceOf(SinchApiError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 40001,
      operation: 'assignNumbers',
      sinchMessage: expect.stringContaining('not a number of this project'),
      reference: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message: expect.stringMatching(
        /^Sinch assignNumbers failed with HTTP 400 \(errorCode 40001\): .*not a number of this project/,
      ),
    });
  });

  it.each<AuthScheme>(['signed', 'basic'])(
    'a wrong secret (%s) is refused, and the secrets appear nowhere in the error',
    async (auth) => {
      const client = new SinchConfigurationClient({
        applicationKey: APP_A.key,
        applicationSecret: APP_B.secret,
        baseUrl: simulator.url,
        auth,
        maxRetries: 0,
      });
      const error = await failureOf(client.listNumbers());
      expect(error).toMatchObject({ status: 401, errorCode: auth === 'signed' ? 40102 : 40108 });
      const everything = [error.message, error.stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(error)].join(
        '\n',
      );
      expectNoSecret(everything, APP_B.secret, Buffer.from(`${APP_A.key}:${APP_B.secret}`).toString('base64'));
      expect(everything).not.toMatch(/Authorization|x-timestamp/i);
    },
  );

  it('no answer becomes a SinchConnectionError that carries no headers', async () => {
    const closed = await startTestSimulator();
    await closed.close();
    const client = clientFor(closed, 'basic');
    const error = await failureOf(client.listNumbers());
    expect(error).toBeInstanceOf(SinchConnectionError);
    expect(error).toMatchObject({ operation: 'listNumbers', code: 'ECONNREFUSED' });
    expectNoSecret(
      inspect(error, { depth: 10 }),
      APP_A.secret,
      Buffer.from(`${APP_A.key}:${APP_A.secret}`).toString('base64'),
    );
  });

  it('a timeout becomes a SinchConnectionError', async () => {
    await admin(simulator, 'POST', 'faults', { status: 0, delayMs: 500 });
    const error = await failureOf(clientFor(simulator, 'signed', APP_A, { timeoutMs: 100 }).listNumbers());
    expect(error).toBeInstanceOf(SinchConnectionError);
    expect(error).toMatchObject({ code: 'ECONNABORTED' });
    // The simulator still answers the abandoned request; wait for it so that it cannot land in the next test's log.
    while ((await requestLog()).length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  });
});

describe('retries', () => {
  it.each([429, 503])('retries %i and succeeds, signing each attempt afresh', async (status) => {
    await admin(simulator, 'POST', 'faults', { status, count: 2, route: 'GET /v1/configuration/numbers' });
    const numbers = await clientFor(simulator, 'signed', APP_A, { maxRetries: 3 }).listNumbers();
    expect(numbers.length).toBeGreaterThan(0);
    expect((await requestLog()).map((entry) => entry.status)).toEqual([status, status, 200]);
  });

  it('gives up after maxRetries and reports the last answer', async () => {
    await admin(simulator, 'POST', 'faults', { status: 429, count: 5 });
    const error = await failureOf(clientFor(simulator, 'signed', APP_A, { maxRetries: 1 }).listNumbers());
    expect(error).toMatchObject({ status: 429, errorCode: 42900 });
    expect(await requestLog()).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    await clientFor(simulator, 'signed', APP_A, { maxRetries: 3 })
      .assignNumbers({ numbers: [FOREIGN_NUMBER] })
      .catch(() => undefined);
    expect(await requestLog()).toHaveLength(1);
  });
});

describe('options are checked before any request', () => {
  const base = { applicationKey: APP_A.key, applicationSecret: APP_A.secret };
  it.each([
    [{ ...base, applicationKey: '' }, /applicationKey is required/],
    [{ ...base, applicationSecret: '' }, /applicationSecret is required/],
    [{ ...base, applicationSecret: 'not base64!' }, /applicationSecret must be the base64 value/],
    [{ ...base, auth: 'oauth' as AuthScheme }, /auth must be one of signed, basic/],
    [{ ...base, baseUrl: 'callingapi.sinch.com' }, /baseUrl must be an absolute http\(s\) URL/],
  ])('%#: %p', (options, message) => {
    let thrown: Error | undefined;
    try {
      new SinchConfigurationClient(options);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toMatch(message);
    if (options.applicationSecret) expectNoSecret(thrown?.message ?? '', options.applicationSecret);
  });

  it('a non-base64 secret is fine for Basic, which sends it as typed', () => {
    expect(
      () => new SinchConfigurationClient({ ...base, applicationSecret: 'app-secret', auth: 'basic' }),
    ).not.toThrow();
  });

  it('defaults to the global configuration host', () => {
    expect(new SinchConfigurationClient(base).baseUrl).toBe('https://callingapi.sinch.com');
  });
});
