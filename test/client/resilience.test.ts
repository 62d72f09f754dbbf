/**
 * The client against answers the simulator does not give: bad shapes, every retry class, Retry-After, the deadline,
 * redirects; and no credential in any error it throws.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { SinchApiError, SinchArgumentError, SinchConfigurationClient, SinchConnectionError, type SinchConfigurationClientOptions } from '../../provider';
import { APP_A, failureOf, VOICE_ONLY } from '../support/fixtures';
import { json, scriptedServer, sinchError, type ScriptedAnswer, type ScriptedServer } from './scriptedServer';

let server: ScriptedServer | undefined;
const started: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((each) => each.close()));
  server = undefined;
});

const NUMBERS = json(200, { numbers: [{ number: VOICE_ONLY, capability: 'voice' }] });
/** Fast budgets: tests run in milliseconds. */
const FAST = { retryDelayMs: 5, maxRetryDelayMs: 40, maxRetries: 4, timeoutMs: 300 };

async function clientAgainst(script: ScriptedAnswer[], options: Partial<SinchConfigurationClientOptions> = {}): Promise<SinchConfigurationClient> {
  server = await scriptedServer(script);
  started.push(server);
  return new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: server.url, ...FAST, ...options });
}
const requests = () => server?.received.length ?? 0;

describe('a 2xx answer that is not the documented shape is an error, never an empty result', () => {
  it.each([
    ['truncated JSON', { status: 200, body: '{"numbers":[{"number":"+1201' }],
    ['an HTML page', { status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } }],
    ['an empty 200', { status: 200, body: '' }],
    ['a 204', { status: 204 }],
    ['{"numbers":null}', json(200, { numbers: null })],
    ['{"numbers":"oops"}', json(200, { numbers: 'oops' })],
    ['{}', json(200, {})],
    ['an unknown capability', json(200, { numbers: [{ number: VOICE_ONLY, capability: 'fax' }] })],
  ] as Array<[string, ScriptedAnswer]>)('listNumbers: %s', async (_name, answer) => {
    const client = await clientAgainst([answer]);
    const error = await failureOf(client.listNumbers());
    expect(error).toBeInstanceOf(SinchApiError);
    expect(error.message).toMatch(/^Sinch listNumbers failed with HTTP 20[04]: the answer is not the documented shape \(.+\); nothing was read from it$/);
  });

  it.each([
    ['getCallbacks', (client: SinchConfigurationClient) => client.getCallbacks(APP_A.key), json(200, {})],
    ['getCallbacks', (client: SinchConfigurationClient) => client.getCallbacks(APP_A.key), json(200, { url: { primary: 5 } })],
    ['queryNumber', (client: SinchConfigurationClient) => client.queryNumber(VOICE_ONLY), json(200, { numberItem: {} })],
  ] as const)('%s: a body of the wrong shape', async (operation, call, answer) => {
    const error = await failureOf(call(await clientAgainst([answer])));
    expect(error.message).toContain(`Sinch ${operation} failed with HTTP 200: the answer is not the documented shape`);
  });

  it('writes take 204 and 200 with any body', async () => {
    const client = await clientAgainst([{ status: 204 }, { status: 200, body: 'ok' }]);
    await client.assignNumbers({ numbers: [VOICE_ONLY] });
    await client.updateCallbacks(APP_A.key, { primary: 'https://example.com/voice' });
  });
});

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('%i is retried, and the operation recovers', async (status) => {
    const client = await clientAgainst([sinchError(status, status * 100, 'not now'), sinchError(status, status * 100, 'not now'), NUMBERS]);
    expect(await client.listNumbers()).toHaveLength(1);
    expect(requests()).toBe(3);
  });

  it.each([
    ['a dropped connection', 'reset'],
    ['a timeout', 'hang'],
  ] as const)('%s is retried for reads and idempotent writes', async (_name, fault) => {
    const client = await clientAgainst([fault, NUMBERS]);
    expect(await client.listNumbers()).toHaveLength(1);
    const writer = await clientAgainst([fault, { status: 204 }]);
    await writer.assignNumbers({ numbers: [VOICE_ONLY] });
    expect(requests()).toBe(2);
  });

  it.each([400, 401, 403, 404])('%i is not retried', async (status) => {
    const error = await failureOf((await clientAgainst([sinchError(status, status * 100, 'no'), NUMBERS])).listNumbers());
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(requests()).toBe(1);
  });

  it.each([
    ['a 500', sinchError(500, 50000, 'Unable to update number')],
    ['a dropped connection', 'reset'],
    ['a timeout', 'hang'],
  ] as Array<[string, ScriptedAnswer]>)('an unassign that met %s is not sent again, and says its outcome is unknown', async (_name, answer) => {
    const client = await clientAgainst([answer, { status: 204 }]);
    const error = await failureOf(client.unassignNumber({ number: VOICE_ONLY }));
    expect(error).toMatchObject({ operation: 'unassignNumber', attempts: 1, outcomeUnknown: true });
    expect(requests()).toBe(1);
  });

  it('an unassign answered 429 was surely not processed: it is retried', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'capacity'), { status: 204 }]);
    await client.unassignNumber({ number: VOICE_ONLY });
    expect(requests()).toBe(2);
  });

  it('a write refused with a 4xx has a known outcome; one that met a 5xx does not', async () => {
    expect(await failureOf((await clientAgainst([sinchError(400, 40001, 'no')])).assignNumbers({ numbers: [VOICE_ONLY] }))).toMatchObject({ outcomeUnknown: false });
    const error = await failureOf((await clientAgainst([sinchError(500, 50000, 'boom')], { maxRetries: 1 })).assignNumbers({ numbers: [VOICE_ONLY] }));
    expect(error).toMatchObject({ outcomeUnknown: true, attempts: 2 });
    expect(error.message).toMatch(/\(after 2 attempts\)$/);
  });

  it('nothing answers: the error names the operation, the attempts and the last cause', async () => {
    const closed = await scriptedServer([]);
    await closed.close();
    const client = new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: closed.url, ...FAST, maxRetries: 2 });
    const error = await failureOf(client.listNumbers());
    expect(error).toBeInstanceOf(SinchConnectionError);
    expect(error.message).toMatch(/^Sinch listNumbers failed: no answer from http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED: .*\) \(after 3 attempts\)$/);
  });

  it('backoff grows between attempts', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const client = await clientAgainst([busy, busy, busy, busy, NUMBERS], { retryDelayMs: 40, maxRetryDelayMs: 10_000 });
    await client.listNumbers();
    const at = (server as ScriptedServer).received.map((request) => request.at);
    const gaps = at.slice(1).map((time, index) => time - (at[index] as number));
    expect(gaps[0]).toBeGreaterThanOrEqual(18);
    expect(gaps[3]).toBeGreaterThan(gaps[0] as number);
    expect(gaps[3]).toBeGreaterThanOrEqual(150);
  });

  it('Retry-After in seconds is honoured', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'slow down', { 'Retry-After': '1' }), NUMBERS]);
    await client.listNumbers();
    const [first, second] = (server as ScriptedServer).received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('Retry-After as an HTTP date is honoured', async () => {
    const when = new Date(Date.now() + 2000).toUTCString();
    const client = await clientAgainst([sinchError(503, 50300, 'down', { 'Retry-After': when }), NUMBERS]);
    await client.listNumbers();
    const [first, second] = (server as ScriptedServer).received;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
  });

  it('a Retry-After past the operation\'s deadline stops at once and says why', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'slow down', { 'Retry-After': '30' }), NUMBERS], { operationTimeoutMs: 2000 });
    const error = await failureOf(client.listNumbers());
    expect(error.message).toMatch(/HTTP 429 .*gave up: Retry-After 30 s is past the operation's remaining budget of [\d.]+ s/);
    expect(requests()).toBe(1);
  });

  it('the deadline bounds the whole operation', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const client = await clientAgainst([busy], { retryDelayMs: 100, maxRetryDelayMs: 100, maxRetries: 50, operationTimeoutMs: 450 });
    const started = Date.now();
    const error = await failureOf(client.listNumbers());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/gave up: the next retry would pass the operation's deadline/);
    expect(requests()).toBeLessThan(8);
  });

  it('each attempt is signed afresh: its own x-timestamp and signature', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const client = await clientAgainst([busy, busy, NUMBERS]);
    await client.listNumbers();
    const received = (server as ScriptedServer).received;
    expect(new Set(received.map((request) => request.headers['x-timestamp'])).size).toBe(3);
    expect(new Set(received.map((request) => request.headers.authorization)).size).toBe(3);
  });
});

describe('credentials stay with the client', () => {
  const SECRET = Buffer.from('client distinctive secret 4b1d').toString('base64');
  const BASIC = Buffer.from(`${APP_A.key}:${SECRET}`).toString('base64');

  function expectClean(error: Error): void {
    const texts = [error.message, error.stack ?? '', inspect(error, { depth: Infinity, showHidden: true }), JSON.stringify(error)];
    for (const text of texts) {
      expect(text.includes(SECRET)).toBe(false);
      expect(text.includes(BASIC)).toBe(false);
      expect(text).not.toMatch(/Authorization|x-timestamp|Application [0-9a-f-]{36}:/i);
    }
    expect(Object.keys(error)).not.toEqual(expect.arrayContaining(['config']));
    expect((error as Error & { cause?: unknown }).cause).toBeUndefined();
  }

  it.each<[string, ScriptedAnswer[], 'signed' | 'basic']>([
    ['a 400', [sinchError(400, 40001, 'no')], 'signed'],
    ['a 500 after retries', [sinchError(500, 50000, 'boom')], 'basic'],
    ['a reset', ['reset'], 'signed'],
    ['a timeout', ['hang'], 'basic'],
    ['a bad shape', [json(200, { numbers: 'oops' })], 'signed'],
    ['a redirect', [{ status: 302, headers: { Location: 'http://127.0.0.1:9/elsewhere' } }], 'basic'],
  ])('%s (%s)', async (_name, script, auth) => {
    const client = await clientAgainst(script, { applicationSecret: SECRET, auth, maxRetries: 2 });
    expectClean(await failureOf(client.listNumbers()));
  });

  it('a redirect is not followed: its target receives nothing', async () => {
    const target = await scriptedServer([NUMBERS]);
    try {
      const client = await clientAgainst([{ status: 307, headers: { Location: `${target.url}/v1/configuration/numbers` } }]);
      const error = await failureOf(client.listNumbers());
      expect(error.message).toMatch(/HTTP 307.*redirects are not followed/);
      expect(target.received).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it.each(['http://callingapi.sinch.com', 'http://10.0.0.8:8080', 'http://example.com/'])('baseUrl %s (plain http off this machine) is refused', (baseUrl) => {
    expect(() => new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: SECRET, baseUrl })).toThrow(/baseUrl must use https.*clear text/);
  });

  it.each(['http://127.0.0.1:8080', 'http://localhost:1234', 'http://[::1]:80', 'https://callingapi.sinch.com'])('baseUrl %s is accepted', (baseUrl) => {
    expect(() => new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: SECRET, baseUrl })).not.toThrow();
  });
});

describe('the client\'s own argument checks refuse bad values before any request', () => {
  const badNumbers = fc.oneof(fc.string(), fc.stringMatching(/^\+\d{16,25}$/), fc.integer(), fc.constant(null), fc.object(), fc.constant('+1 201 555 0100'));
  const badKeys = fc.oneof(fc.string().filter((value) => !/^[0-9a-f]{32}$/i.test(value)), fc.constantFrom('.', '..', 'a/b', 'k:ey'), fc.integer(), fc.boolean());
  const badUrls = fc.oneof(fc.constantFrom('javascript:alert(1)', 'http://example.com/', 'https://u:p@example.com/', 'https://x\n.com'), fc.integer(), fc.string({ maxLength: 12 }).filter((value) => value !== ''));

  it.each([
    ['assignNumbers numbers', badNumbers, (client: SinchConfigurationClient, value: unknown) => client.assignNumbers({ numbers: [value as string] }), /^assignNumbers: numbers \[0\]/],
    ['assignNumbers applicationKey', badKeys, (client: SinchConfigurationClient, value: unknown) => client.assignNumbers({ numbers: [VOICE_ONLY], applicationKey: value as string }), /^assignNumbers: applicationKey/],
    ['unassignNumber number', badNumbers, (client: SinchConfigurationClient, value: unknown) => client.unassignNumber({ number: value as string }), /^unassignNumber: number/],
    ['getCallbacks applicationKey', badKeys, (client: SinchConfigurationClient, value: unknown) => client.getCallbacks(value as string), /^getCallbacks: applicationKey/],
    ['updateCallbacks primary', badUrls, (client: SinchConfigurationClient, value: unknown) => client.updateCallbacks(APP_A.key, { primary: value as string }), /^updateCallbacks: primary/],
    ['queryNumber number', badNumbers, (client: SinchConfigurationClient, value: unknown) => client.queryNumber(value as string), /^queryNumber: number/],
  ] as const)('%s', async (_name, values, call, message) => {
    const client = await clientAgainst([NUMBERS]);
    await fc.assert(
      fc.asyncProperty(values as fc.Arbitrary<unknown>, async (value) => {
        const error = await failureOf(call(client, value));
        expect(error).toBeInstanceOf(SinchArgumentError);
        expect(error.message).toMatch(message);
      }),
      { numRuns: 200 },
    );
    expect(requests()).toBe(0);
  });

  it('an empty number list', async () => {
    const client = await clientAgainst([NUMBERS]);
    await expect(client.assignNumbers({ numbers: [] })).rejects.toThrow(/^assignNumbers: numbers must hold at least one number$/);
    expect(requests()).toBe(0);
  });
});
