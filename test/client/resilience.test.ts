/**
 * The client against answers the simulator does not give: bad shapes, every retry class, Retry-After, the deadline,
 * redirects; and no credential in any error it throws. (Argument checks: arguments.test.ts.)
 */
import { inspect } from 'node:util';
import {
  retryAfterMs,
  SinchApiError,
  SinchConfigurationClient,
  SinchConnectionError,
  type SinchConfigurationClientOptions,
} from '../../provider';
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

async function clientAgainst(
  script: ScriptedAnswer[],
  options: Partial<SinchConfigurationClientOptions> = {},
): Promise<SinchConfigurationClient> {
  server = await scriptedServer(script);
  started.push(server);
  return new SinchConfigurationClient({
    applicationKey: APP_A.key,
    applicationSecret: APP_A.secret,
    baseUrl: server.url,
    ...FAST,
    ...options,
  });
}
const requests = () => server?.received.length ?? 0;

describe('a 2xx answer that is not the documented shape is an error, never an empty result', () => {
  it.each([
    ['truncated JSON', { status: 200, body: '{"numbers":[{"number":"+1201' }],
    [
      'an HTML page',
      { status: 200, body: '<html><body>Maintenance</body></html>', headers: { 'Content-Type': 'text/html' } },
    ],
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
    expect(error.message).toMatch(
      /^Sinch listNumbers failed with HTTP 20[04]: the answer is not the documented shape \(.+\); nothing was read from it$/,
    );
  });

  it.each([
    ['getCallbacks', (client: SinchConfigurationClient) => client.getCallbacks(APP_A.key), json(200, {})],
    [
      'getCallbacks',
      (client: SinchConfigurationClient) => client.getCallbacks(APP_A.key),
      json(200, { url: { primary: 5 } }),
    ],
    [
      'queryNumber',
      (client: SinchConfigurationClient) => client.queryNumber(VOICE_ONLY),
      json(200, { numberItem: {} }),
    ],
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
    const client = await clientAgainst([
      sinchError(status, status * 100, 'not now'),
      sinchError(status, status * 100, 'not now'),
      NUMBERS,
    ]);
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

  /** Every answer that is neither "not now" nor a success: the request would fail the same way again. */
  const NEVER_RETRIED = [400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 501, 505];

  it.each(NEVER_RETRIED)('%i is not retried', async (status) => {
    const error = await failureOf(
      (await clientAgainst([sinchError(status, status * 100, 'no'), NUMBERS])).listNumbers(),
    );
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(requests()).toBe(1);
  });

  it.each(NEVER_RETRIED.filter((status) => status < 500))(
    '%i to a write is not retried, and its outcome is known',
    async (status) => {
      const assign = await clientAgainst([sinchError(status, status * 100, 'no'), { status: 204 }]);
      expect(await failureOf(assign.assignNumbers({ numbers: [VOICE_ONLY] }))).toMatchObject({
        status,
        attempts: 1,
        outcomeUnknown: false,
      });
      expect(requests()).toBe(1);
      const update = await clientAgainst([sinchError(status, status * 100, 'no'), { status: 204 }]);
      expect(
        await failureOf(update.updateCallbacks(APP_A.key, { primary: 'https://example.com/voice' })),
      ).toMatchObject({ status, attempts: 1 });
      expect(requests()).toBe(1);
    },
  );

  it.each([429, 500, 503, 'reset'] as const)('idempotent writes recover from %s', async (fault) => {
    const answer: ScriptedAnswer = fault === 'reset' ? 'reset' : sinchError(fault, fault * 100, 'not now');
    const assign = await clientAgainst([answer, answer, { status: 204 }]);
    await assign.assignNumbers({ numbers: [VOICE_ONLY] });
    expect(requests()).toBe(3);
    const update = await clientAgainst([answer, { status: 204 }]);
    await update.updateCallbacks(APP_A.key, { primary: 'https://example.com/voice', fallback: '' });
    expect(requests()).toBe(2);
  });

  it('an unassign that met a refused connection was surely not sent: it is retried, and its outcome is known', async () => {
    const closed = await scriptedServer([]);
    await closed.close();
    const client = new SinchConfigurationClient({
      applicationKey: APP_A.key,
      applicationSecret: APP_A.secret,
      baseUrl: closed.url,
      ...FAST,
      maxRetries: 2,
    });
    const error = await failureOf(client.unassignNumber({ number: VOICE_ONLY }));
    expect(error).toBeInstanceOf(SinchConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 3, outcomeUnknown: false });
  });

  it.each([
    ...[408, 500, 502, 503, 504].map((status): [string, ScriptedAnswer] => [
      `a ${status}`,
      sinchError(status, status * 100, 'Unable to update number'),
    ]),
    ['a dropped connection', 'reset'],
    ['a timeout', 'hang'],
  ] as Array<[string, ScriptedAnswer]>)(
    'an unassign that met %s is not sent again, and says its outcome is unknown',
    async (_name, answer) => {
      const client = await clientAgainst([answer, { status: 204 }]);
      const error = await failureOf(client.unassignNumber({ number: VOICE_ONLY }));
      expect(error).toMatchObject({ operation: 'unassignNumber', attempts: 1, outcomeUnknown: true });
      expect(requests()).toBe(1);
    },
  );

  it('an unassign answered 429 was surely not processed: it is retried', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'capacity'), { status: 204 }]);
    await client.unassignNumber({ number: VOICE_ONLY });
    expect(requests()).toBe(2);
  });

  it('a write refused with a 4xx has a known outcome; one that met a 5xx does not', async () => {
    expect(
      await failureOf((await clientAgainst([sinchError(400, 40001, 'no')])).assignNumbers({ numbers: [VOICE_ONLY] })),
    ).toMatchObject({ outcomeUnknown: false });
    const error = await failureOf(
      (await clientAgainst([sinchError(500, 50000, 'boom')], { maxRetries: 1 })).assignNumbers({
        numbers: [VOICE_ONLY],
      }),
    );
    expect(error).toMatchObject({ outcomeUnknown: true, attempts: 2 });
    expect(error.message).toMatch(/\(after 2 attempts\)$/);
  });

  it('nothing answers: the error names the operation, the attempts and the last cause', async () => {
    const closed = await scriptedServer([]);
    await closed.close();
    const client = new SinchConfigurationClient({
      applicationKey: APP_A.key,
      applicationSecret: APP_A.secret,
      baseUrl: closed.url,
      ...FAST,
      maxRetries: 2,
    });
    const error = await failureOf(client.listNumbers());
    expect(error).toBeInstanceOf(SinchConnectionError);
    expect(error.message).toMatch(
      /^Sinch listNumbers failed: no answer from http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED: .*\) \(after 3 attempts\)$/,
    );
  });

  it('backoff grows between attempts', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const retryDelayMs = 40;
    const client = await clientAgainst([busy, busy, busy, busy, NUMBERS], { retryDelayMs, maxRetryDelayMs: 10_000 });
    await client.listNumbers();
    const at = (server as ScriptedServer).received.map((request) => request.at);
    const gaps = at.slice(1).map((time, index) => time - (at[index] as number));
    expect(gaps).toHaveLength(4);
    // Retry n waits retryDelayMs * 2^n, less at most half of it for jitter (2 ms for the clock's granularity):
    // so it waits at all, and two retries later the wait is always longer, whatever the jitter drew.
    gaps.forEach((gap, n) => expect(gap).toBeGreaterThanOrEqual((retryDelayMs * 2 ** n) / 2 - 2));
    expect(gaps[2]).toBeGreaterThan(gaps[0] as number);
    expect(gaps[3]).toBeGreaterThan(gaps[1] as number);
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

  it("a Retry-After past the operation's deadline stops at once and says why", async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'slow down', { 'Retry-After': '30' }), NUMBERS], {
      operationTimeoutMs: 2000,
    });
    const error = await failureOf(client.listNumbers());
    expect(error.message).toMatch(
      /HTTP 429 .*gave up: Retry-After 30 s is past the operation's remaining budget of [\d.]+ s/,
    );
    expect(requests()).toBe(1);
  });

  it('the deadline bounds the whole operation', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const client = await clientAgainst([busy], {
      retryDelayMs: 100,
      maxRetryDelayMs: 100,
      maxRetries: 50,
      operationTimeoutMs: 450,
    });
    const started = Date.now();
    const error = await failureOf(client.listNumbers());
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/gave up: the next retry would pass the operation's deadline/);
    expect(requests()).toBeLessThan(8);
  });

  it('Retry-After in seconds is capped by maxRetryAfterMs', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'slow down', { 'Retry-After': '20' }), NUMBERS], {
      maxRetryAfterMs: 150,
    });
    await client.listNumbers();
    const [first, second] = (server as ScriptedServer).received;
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(140);
    expect(gap).toBeLessThan(2000);
  });

  it('Retry-After as an HTTP date is capped by maxRetryAfterMs', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString();
    const client = await clientAgainst([sinchError(503, 50300, 'down', { 'Retry-After': when }), NUMBERS], {
      maxRetryAfterMs: 150,
    });
    await client.listNumbers();
    const [first, second] = (server as ScriptedServer).received;
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(140);
    expect(gap).toBeLessThan(2000);
  });

  it('Retry-After is read in both forms, and nothing else counts as one', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs(' 2 ', now)).toBe(2_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    for (const header of [undefined, '', '1.5', '-3', '3 s', 'soon', 7])
      expect(retryAfterMs(header, now)).toBeUndefined();
  });

  it('a shortened Retry-After past the deadline says both', async () => {
    const client = await clientAgainst([sinchError(429, 42900, 'slow down', { 'Retry-After': '120' })], {
      maxRetryAfterMs: 5_000,
      operationTimeoutMs: 1_000,
    });
    const error = await failureOf(client.listNumbers());
    expect(error.message).toMatch(
      /gave up: Retry-After 120 s, shortened to 5 s, is past the operation's remaining budget of [\d.]+ s\)$/,
    );
    expect(requests()).toBe(1);
  });

  it.each<[string, ScriptedAnswer[]]>([
    ['on the first attempt', ['hang']],
    // The slow first answer uses most of the budget: the retry gets only what is left.
    ['on a retry', [{ ...sinchError(503, 50300, 'busy'), delayMs: 250 }, 'hang']],
  ])(
    'no attempt outlives the deadline: a server that hangs %s fails the operation on time, however long timeoutMs is',
    async (_when, script) => {
      const client = await clientAgainst(script, { timeoutMs: 30_000, operationTimeoutMs: 400 });
      const started = Date.now();
      const error = await failureOf(client.listNumbers());
      expect(Date.now() - started).toBeLessThan(600);
      expect(error).toBeInstanceOf(SinchConnectionError);
      expect(error).toMatchObject({ operation: 'listNumbers', code: 'ECONNABORTED' });
      expect(error.message).toMatch(/gave up: the next retry would pass the operation's deadline \(0\.4 s\)\)$/);
    },
  );

  it('a bad answer after retries says how many attempts it took', async () => {
    const busy = sinchError(503, 50300, 'busy');
    const client = await clientAgainst([busy, busy, { status: 200, body: '<html>maintenance</html>' }]);
    const error = await failureOf(client.listNumbers());
    expect(error).toMatchObject({ status: 200, attempts: 3 });
    expect(error.message).toMatch(
      /not the documented shape \(not JSON\); nothing was read from it \(after 3 attempts\)$/,
    );
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

  /** Every text an error can be turned into, and every value it holds: none may carry a credential. */
  function expectClean(error: Error, sent: string[]): void {
    const texts = [
      error.message,
      error.stack ?? '',
      inspect(error, { depth: Infinity, showHidden: true }),
      JSON.stringify(error),
      String(error),
    ];
    // What went on the wire: whole Authorization values, their credential part, and each signature alone.
    const credentials = sent.flatMap((value) => [
      value,
      value.slice(value.indexOf(' ') + 1),
      value.slice(value.lastIndexOf(':') + 1),
    ]);
    for (const text of texts) {
      for (const credential of [SECRET, BASIC, ...credentials]) expect(text.includes(credential)).toBe(false);
      expect(text).not.toMatch(/Authorization|x-timestamp|Application [0-9a-f-]{36}:/i);
    }
    // No axios object hides anywhere: no cause, config, request or response; every own property is a plain value.
    for (const name of ['cause', 'config', 'request', 'response', 'headers']) expect(name in error).toBe(false);
    for (const value of Object.values(Object.getOwnPropertyDescriptors(error)).map(
      (descriptor) => descriptor.value as unknown,
    )) {
      expect(['string', 'number', 'boolean', 'undefined']).toContain(typeof value);
    }
  }

  /** A proxy that shows the request it got: the error message must not pass the credential on. */
  const echoing =
    (status: number, asJson: boolean): ScriptedAnswer =>
    (request) => {
      const seen = `upstream saw ${String(request.headers.authorization)} with ${SECRET}`;
      return asJson ? sinchError(status, status * 100, seen) : { status, body: `<html><pre>${seen}</pre></html>` };
    };

  const failures: Array<[string, ScriptedAnswer[], Partial<SinchConfigurationClientOptions>]> = [
    ['a 400', [sinchError(400, 40001, 'no')], {}],
    ['a 401', [sinchError(401, 40102, 'Invalid Signature')], {}],
    ['a 500, retries exhausted', [sinchError(500, 50000, 'boom')], {}],
    [
      'a 429 whose Retry-After is past the deadline',
      [sinchError(429, 42900, 'slow', { 'Retry-After': '60' })],
      { operationTimeoutMs: 1_000 },
    ],
    ['resets, retries exhausted', ['reset'], {}],
    ['timeouts, retries exhausted', ['hang'], { timeoutMs: 100 }],
    ['a bad shape', [json(200, { numbers: 'oops' })], {}],
    ['a redirect', [{ status: 302, headers: { Location: 'http://127.0.0.1:9/elsewhere' } }], {}],
    ['a proxy echoing the request as JSON', [echoing(502, true)], {}],
    ['a proxy echoing the request as HTML', [echoing(400, false)], {}],
  ];
  const operations: Array<[string, (client: SinchConfigurationClient) => Promise<unknown>]> = [
    ['listNumbers', (client) => client.listNumbers()],
    ['assignNumbers', (client) => client.assignNumbers({ numbers: [VOICE_ONLY] })],
    ['unassignNumber', (client) => client.unassignNumber({ number: VOICE_ONLY })],
  ];

  describe.each<'signed' | 'basic'>(['signed', 'basic'])('%s', (auth) => {
    it.each(failures)('%s: no credential in the error of any operation', async (name, script, options) => {
      // A bad shape only comes from a read; writes take any 2xx.
      for (const [, call] of name === 'a bad shape' ? operations.slice(0, 1) : operations) {
        const client = await clientAgainst(script, { applicationSecret: SECRET, auth, maxRetries: 2, ...options });
        const error = await failureOf(call(client));
        expectClean(
          error,
          (server as ScriptedServer).received.map((request) => String(request.headers.authorization)),
        );
        await server?.close();
        server = undefined;
      }
    });

    it('no answer at all', async () => {
      const closed = await scriptedServer([]);
      await closed.close();
      const client = new SinchConfigurationClient({
        applicationKey: APP_A.key,
        applicationSecret: SECRET,
        baseUrl: closed.url,
        auth,
        ...FAST,
        maxRetries: 1,
      });
      expectClean(await failureOf(client.listNumbers()), []);
    });
  });

  it('the echoed text is kept, with the credential taken out', async () => {
    const client = await clientAgainst([echoing(502, true)], { applicationSecret: SECRET, maxRetries: 0 });
    const error = await failureOf(client.listNumbers());
    expect(error.message).toMatch(/upstream saw \[redacted\] with \[redacted\]/);
  });

  it('a redirect is not followed: its target receives nothing', async () => {
    const target = await scriptedServer([NUMBERS]);
    try {
      const client = await clientAgainst([
        { status: 307, headers: { Location: `${target.url}/v1/configuration/numbers` } },
      ]);
      const error = await failureOf(client.listNumbers());
      expect(error.message).toMatch(/HTTP 307.*redirects are not followed/);
      expect(target.received).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it.each(['http://callingapi.sinch.com', 'http://10.0.0.8:8080', 'http://example.com/'])(
    'baseUrl %s (plain http off this machine) is refused',
    (baseUrl) => {
      expect(
        () => new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: SECRET, baseUrl }),
      ).toThrow(/baseUrl must use https.*clear text/);
    },
  );

  it.each(['http://127.0.0.1:8080', 'http://localhost:1234', 'http://[::1]:80', 'https://callingapi.sinch.com'])(
    'baseUrl %s is accepted',
    (baseUrl) => {
      expect(
        () => new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: SECRET, baseUrl }),
      ).not.toThrow();
    },
  );
});
