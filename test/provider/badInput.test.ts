/**
 * Bad input through `check` and the functions, generated: each bad value fails with a reason that names the
 * property and stays short, nothing throws, and the simulator sees no request at all.
 */
import fc from 'fast-check';
import { getNumbers, queryNumber } from '../../provider';
import { type ApplicationCallbacksInputs, type NumberAssignmentInputs } from '../../provider/implementation';
import { applicationCallbacksProvider, numberAssignmentProvider } from '../support/implementations';
import { APP_A, VOICE_ONLY } from '../support/fixtures';
import { testContext } from '../support/provider';
import { admin, sharedSimulator } from '../support/simulator';

const simulator = sharedSimulator();
const RUNS = 200;
/** The longest reason a failure may give, whatever the size of the bad value. */
const REASON_CAP = 400;

const requestCount = async () => (await admin<{ requests: unknown[] }>(simulator, 'GET', 'requests')).requests.length;

/** Values that are never valid for a text input. */
const nonStrings = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constant(Number.NaN),
  fc.boolean(),
  fc.bigInt(),
  fc.object(),
  fc.array(fc.anything()),
  fc.constant(Symbol('sneaky')),
  fc.constant(() => 'function'),
);
const controlCharacter = fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code));
const huge = (length: number) => fc.constantFrom('a', '1', '+', ' ').map((unit) => unit.repeat(length));
const withInsert = (base: string, insert: fc.Arbitrary<string>) =>
  fc.tuple(fc.nat({ max: base.length }), insert).map(([at, text]) => `${base.slice(0, at)}${text}${base.slice(at)}`);

const badNumbers = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '+',
    '++12015550100',
    '+0123456789',
    '12015550100',
    '+1 201 555 0100',
    '+1234',
    '+1201555010O',
  ),
  fc.stringMatching(/^\+\d{16,30}$/),
  fc.stringMatching(/^\+?[a-zA-Z]{1,12}$/),
  fc.stringMatching(/^[1-9]\d{6,14}$/),
  fc.constantFrom('+١٢٠١٥٥٥٠١٠٠', '+１２０１５５５０１００', '+12015550100\n', ' +12015550100'),
  withInsert('+12015550100', controlCharacter),
  huge(100_000),
  nonStrings,
);

const badApplicationKeys = fc.oneof(
  fc.constantFrom(
    '.',
    '..',
    '',
    ' ',
    'a/b',
    'a:b',
    'a?b',
    'a#b',
    'a b',
    'a%2Fb',
    '../admin',
    ' 5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
  ),
  withInsert(
    '5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
    fc.oneof(controlCharacter, fc.constantFrom('/', ':', '?', '#', ' ', '%', '\\')),
  ),
  fc.stringMatching(/^[g-z]{8}-[g-z]{4}-[g-z]{4}-[g-z]{4}-[g-z]{12}$/),
  huge(1_000_000),
  fc.constantFrom(false, 0, Number.NaN, true, 1),
  nonStrings,
);

const badCapabilities = fc.oneof(
  fc.string().filter((value) => value !== 'voice' && value !== 'sms'),
  fc.constantFrom('Voice', 'SMS', ' voice', 'fax', 'voice,sms'),
  nonStrings,
);

const badBooleans = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.constantFrom('true', 'false', 0, 1, Number.NaN),
  fc.object(),
  fc.array(fc.boolean()),
  fc.bigInt(),
);

const badUrls = fc.oneof(
  fc
    .webUrl()
    .map((url) => url.replace(/^https:/, 'http:'))
    .filter((url) => !/^http:\/\/(localhost|127\.|\[::1\])/.test(url)),
  fc.webUrl().map((url) => url.replace(/^https?:\/\//, 'https://user:password@')),
  fc.constantFrom(
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,hi',
    'ftp://example.com/x',
    'https:example.com/voice',
    'https:\\\\example.com\\voice',
  ),
  fc.constantFrom(
    'https://example.com/voice\r\nX-Injected: 1',
    'https://example.com/\u0000',
    ' https://example.com/voice',
    'https://example.com/voice ',
  ),
  withInsert('https://example.com/voice', controlCharacter),
  fc.string({ maxLength: 20 }).filter((value) => !/^https?:\/\//.test(value)),
  fc.constant(`https://example.com/${'x'.repeat(10_000)}`),
  huge(1_000_000),
  nonStrings,
);

const context = () => testContext(simulator, 'signed');

/** Runs `check` and answers its failures; fails the property when check throws or the reason is not what it should be. */
async function failuresFor(
  check: () => Promise<{ failures?: Array<{ property: string; reason: string }> }>,
  property: string,
): Promise<void> {
  const { failures = [] } = await check();
  // A value the engine must not print beside its property (long, invisible characters, an object) is named in the
  // reason of a failure under no property.
  const mine = failures.filter(
    (failure) =>
      failure.property === property || (failure.property === '' && failure.reason.startsWith(`${property} `)),
  );
  if (mine.length !== 1)
    throw new Error(`expected one failure on ${property}, got ${JSON.stringify(failures).slice(0, 300)}`);
  if ((mine[0] as { reason: string }).reason.length > REASON_CAP)
    throw new Error(`the reason on ${property} is ${(mine[0] as { reason: string }).reason.length} characters long`);
}

describe('NumberAssignment check', () => {
  const provider = () => numberAssignmentProvider(context());
  const valid: NumberAssignmentInputs = {
    number: VOICE_ONLY,
    applicationKey: APP_A.key,
    capability: 'voice',
    allowReassign: false,
  };
  const cases: Array<[keyof NumberAssignmentInputs, fc.Arbitrary<unknown>]> = [
    ['number', badNumbers],
    ['applicationKey', badApplicationKeys],
    ['capability', badCapabilities],
    ['allowReassign', badBooleans],
  ];
  it.each(cases)('%s: %#', async (property, values) => {
    await fc.assert(
      fc.asyncProperty(values, (value) =>
        failuresFor(
          () =>
            provider().check({
              olds: {} as NumberAssignmentInputs,
              news: { ...valid, [property]: value } as NumberAssignmentInputs,
            }),
          property,
        ),
      ),
      { numRuns: RUNS },
    );
    expect(await requestCount()).toBe(0);
  });
});

describe('ApplicationCallbacks check', () => {
  const provider = () => applicationCallbacksProvider(context());
  const valid: ApplicationCallbacksInputs = {
    applicationKey: APP_A.key,
    primary: 'https://voice.example.com/events',
    fallback: 'https://backup.example.com/events',
  };
  const cases: Array<[keyof ApplicationCallbacksInputs, fc.Arbitrary<unknown>]> = [
    ['applicationKey', badApplicationKeys],
    ['primary', badUrls],
    ['fallback', badUrls],
  ];
  it.each(cases)('%s', async (property, values) => {
    await fc.assert(
      fc.asyncProperty(values, (value) =>
        failuresFor(
          () =>
            provider().check({
              olds: {} as ApplicationCallbacksInputs,
              news: { ...valid, [property]: value } as ApplicationCallbacksInputs,
            }),
          property,
        ),
      ),
      { numRuns: RUNS },
    );
    expect(await requestCount()).toBe(0);
  });

  it('stores the normalized URL', async () => {
    const { inputs, failures } = await provider().check({
      olds: {} as ApplicationCallbacksInputs,
      news: {
        ...valid,
        primary: 'HTTPS://Voice.Example.com/events',
      },
    });
    expect(failures).toEqual([]);
    expect(inputs?.primary).toBe('https://voice.example.com/events');
  });
});

describe('functions', () => {
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

  /** The call is refused before any request, with an error that names the argument and stays short. */
  async function refused(call: () => Promise<unknown>, argument: RegExp): Promise<void> {
    let error: unknown;
    try {
      await call();
    } catch (caught) {
      error = caught;
    }
    if (!(error instanceof Error)) throw new Error('expected the call to be refused');
    if (!argument.test(error.message))
      throw new Error(`the error does not name the argument: ${error.message.slice(0, 200)}`);
    if (error.message.length > REASON_CAP) throw new Error(`the error is ${error.message.length} characters long`);
  }

  it.each([
    [
      'getNumbers applicationKey',
      badApplicationKeys,
      (value: unknown) => getNumbers({ applicationKey: value as string }),
      /getNumbers: applicationKey/,
    ],
    [
      'getNumbers capability',
      badCapabilities,
      (value: unknown) => getNumbers({ capability: value as 'voice' }),
      /getNumbers: capability/,
    ],
    ['queryNumber number', badNumbers, (value: unknown) => queryNumber(value as string), /queryNumber: number/],
  ] as const)('%s', async (_name, values, call, argument) => {
    await fc.assert(
      fc.asyncProperty(values as fc.Arbitrary<unknown>, (value) => refused(() => call(value), argument)),
      { numRuns: RUNS },
    );
    expect(await requestCount()).toBe(0);
  });
});

it('circular values and BigInts fail like any bad value, on every input, without throwing', async () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  for (const value of [circular, 10n ** 30n]) {
    const numbers = await numberAssignmentProvider(context()).check({
      olds: {} as NumberAssignmentInputs,
      news: {
        number: value,
        applicationKey: value,
        capability: value,
        allowReassign: value,
      } as unknown as NumberAssignmentInputs,
    });
    const named = (failures: Array<{ property: string; reason: string }>) =>
      failures.map((failure) => failure.property || failure.reason.split(' ')[0]).sort();
    expect(named(numbers.failures ?? [])).toEqual(['allowReassign', 'applicationKey', 'capability', 'number']);
    const callbacks = await applicationCallbacksProvider(context()).check({
      olds: {} as ApplicationCallbacksInputs,
      news: {
        applicationKey: value,
        primary: value,
        fallback: value,
      } as unknown as ApplicationCallbacksInputs,
    });
    expect(named(callbacks.failures ?? [])).toEqual(['applicationKey', 'fallback', 'primary']);
  }
  expect(await requestCount()).toBe(0);
});
