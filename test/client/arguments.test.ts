/**
 * The client checks its own arguments, with the same rules as the provider's `check`, before any request: generated
 * bad values through every operation, against a server that counts what reaches it.
 */
import fc from 'fast-check';
import { SinchArgumentError, SinchConfigurationClient, type SinchConfigurationClientOptions } from '../../provider';
import { APP_A, failureOf, VOICE_ONLY } from '../support/fixtures';
import { badApplicationKeys, badCallbackUrls, badCapabilities, badNumbers, REASON_CAP, RUNS } from './badValues';
import { json, scriptedServer, type ScriptedServer } from './scriptedServer';

let server: ScriptedServer;
let client: SinchConfigurationClient;
beforeAll(async () => {
  server = await scriptedServer([{ status: 204 }]);
  client = new SinchConfigurationClient({
    applicationKey: APP_A.key,
    applicationSecret: APP_A.secret,
    baseUrl: server.url,
    maxRetries: 0,
  });
});
afterAll(() => server.close());

type Call = (client: SinchConfigurationClient, value: unknown) => Promise<unknown>;
// The client's parameters are typed; these calls stand for JavaScript callers and for values that escaped the types.
const loose = <T>(value: unknown): T => value as T;

const cases: Array<[string, fc.Arbitrary<unknown>, Call]> = [
  [
    'assignNumbers: numbers',
    badNumbers,
    (sinch, value) => sinch.assignNumbers({ numbers: [VOICE_ONLY, loose<string>(value)] }),
  ],
  [
    'assignNumbers: numbers',
    fc.oneof(badNumbers, fc.constant([])),
    (sinch, value) => sinch.assignNumbers({ numbers: loose<string[]>(value) }),
  ],
  [
    'assignNumbers: applicationKey',
    badApplicationKeys,
    (sinch, value) => sinch.assignNumbers({ numbers: [VOICE_ONLY], applicationKey: loose<string>(value) }),
  ],
  [
    'assignNumbers: capability',
    badCapabilities,
    (sinch, value) => sinch.assignNumbers({ numbers: [VOICE_ONLY], capability: loose<'voice'>(value) }),
  ],
  ['unassignNumber: number', badNumbers, (sinch, value) => sinch.unassignNumber({ number: loose<string>(value) })],
  [
    'unassignNumber: applicationKey',
    badApplicationKeys,
    (sinch, value) => sinch.unassignNumber({ number: VOICE_ONLY, applicationKey: loose<string>(value) }),
  ],
  [
    'unassignNumber: capability',
    badCapabilities,
    (sinch, value) => sinch.unassignNumber({ number: VOICE_ONLY, capability: loose<'voice'>(value) }),
  ],
  ['getCallbacks: applicationKey', badApplicationKeys, (sinch, value) => sinch.getCallbacks(loose<string>(value))],
  [
    'updateCallbacks: applicationKey',
    badApplicationKeys,
    (sinch, value) => sinch.updateCallbacks(loose<string>(value), { primary: 'https://example.com/' }),
  ],
  // '' clears a URL: the one string that is not a URL and still valid here.
  [
    'updateCallbacks: primary',
    badCallbackUrls.filter((value) => value !== ''),
    (sinch, value) => sinch.updateCallbacks(APP_A.key, { primary: loose<string>(value) }),
  ],
  [
    'updateCallbacks: fallback',
    badCallbackUrls.filter((value) => value !== ''),
    (sinch, value) => sinch.updateCallbacks(APP_A.key, { fallback: loose<string>(value) }),
  ],
  ['queryNumber: number', badNumbers, (sinch, value) => sinch.queryNumber(loose<string>(value))],
];

describe('each bad argument is refused before any request, naming the operation and the argument', () => {
  it.each(cases)('%s', async (prefix, values, call) => {
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const error = await failureOf(call(client, value));
        expect(error).toBeInstanceOf(SinchArgumentError);
        expect(error).toBeInstanceOf(TypeError);
        expect(error.message.startsWith(`${prefix} `)).toBe(true);
        expect(error.message.length).toBeLessThanOrEqual(prefix.length + 20 + REASON_CAP);
      }),
      { numRuns: RUNS },
    );
    expect(server.received).toHaveLength(0);
  });

  it.each([undefined, null, 'a string', 42, [VOICE_ONLY]])(
    'a request that is not an object (%p) is an argument error too',
    async (request) => {
      for (const call of [
        () => client.assignNumbers(loose(request)),
        () => client.unassignNumber(loose(request)),
        () => client.updateCallbacks(APP_A.key, loose(request)),
      ]) {
        const error = await failureOf(call());
        expect(error).toBeInstanceOf(SinchArgumentError);
        expect(error.message).toMatch(
          /^(assignNumbers|unassignNumber|updateCallbacks): (request|urls) must be an object; got /,
        );
      }
      expect(server.received).toHaveLength(0);
    },
  );

  it('an empty number list', async () => {
    await expect(client.assignNumbers({ numbers: [] })).rejects.toThrow(
      /^assignNumbers: numbers must hold at least one number$/,
    );
    expect(server.received).toHaveLength(0);
  });
});

describe('good arguments go out as given', () => {
  it("an empty URL clears it, and keys are taken in both of Sinch's forms, sent as Sinch issues them", async () => {
    const sent = await scriptedServer([{ status: 204 }, json(200, { url: {} })]);
    try {
      const sinch = new SinchConfigurationClient({
        applicationKey: APP_A.key,
        applicationSecret: APP_A.secret,
        baseUrl: sent.url,
      });
      await sinch.updateCallbacks('5F5C418A0F914BBC8234A9BF5EDDAD97', {
        primary: 'https://example.com/voice',
        fallback: '',
      });
      expect(await sinch.getCallbacks(APP_A.key)).toEqual({});
      expect(sent.received.map((request) => `${request.method} ${request.path}`)).toEqual([
        'POST /v1/configuration/callbacks/applications/5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
        `GET /v1/configuration/callbacks/applications/${APP_A.key}`,
      ]);
    } finally {
      await sent.close();
    }
  });
});

describe('options', () => {
  const base = { applicationKey: APP_A.key, applicationSecret: APP_A.secret };

  it('the signing key is not shape-checked: SDK test credentials such as my-key-id work', () => {
    expect(() => new SinchConfigurationClient({ ...base, applicationKey: 'my-key-id' })).not.toThrow();
  });

  it.each<[keyof SinchConfigurationClientOptions, unknown]>([
    ['maxRetries', -1],
    ['maxRetries', Number.NaN],
    ['retryDelayMs', '250'],
    ['maxRetryDelayMs', Number.POSITIVE_INFINITY],
    ['maxRetryAfterMs', -5],
    ['timeoutMs', 0],
    ['operationTimeoutMs', 0],
  ])('%s %p is refused, naming the option', (name, value) => {
    expect(() => new SinchConfigurationClient({ ...base, [name]: value })).toThrow(
      new RegExp(`^SinchConfigurationClient: ${name} must be a number of [01] or more; got `),
    );
  });
});
