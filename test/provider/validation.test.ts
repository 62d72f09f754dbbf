/**
 * The input shapes shared by `check` and the client, value by value: generated bad values are refused with a short
 * reason and never throw; generated good values pass, and callback URLs come back normalized.
 */
import fc from 'fast-check';
import {
  applicationKeyProblem,
  capabilityProblem,
  checkApplicationKey,
  checkBoolean,
  checkCallbackUrl,
  checkCapability,
  checkNumber,
  describeValue,
  e164Problem,
  isUnknown,
  MAX_CALLBACK_URL_LENGTH,
  UNKNOWN,
  type Checked,
} from '../../provider/validation';
import {
  badApplicationKeys,
  badBooleans,
  badCallbackUrls,
  badCapabilities,
  badNumbers,
  goodApplicationKeys,
  goodCallbackUrls,
  goodNumbers,
  nonStrings,
  REASON_CAP,
  RUNS,
} from '../client/badValues';

/** Fails the property unless the value is refused with a reason of bounded size. */
function expectRefused(checked: Checked<unknown>): void {
  expect(checked.ok).toBe(false);
  if (checked.ok) return;
  expect(checked.reason.length).toBeGreaterThan(0);
  expect(checked.reason.length).toBeLessThanOrEqual(REASON_CAP);
}

describe.each([
  ['checkNumber', checkNumber, badNumbers],
  ['checkApplicationKey', checkApplicationKey, badApplicationKeys],
  ['checkCapability', checkCapability, badCapabilities],
  ['checkBoolean', checkBoolean, badBooleans],
  ['checkCallbackUrl', checkCallbackUrl, badCallbackUrls],
] as Array<[string, (value: unknown) => Checked<unknown>, fc.Arbitrary<unknown>]>)('%s', (_name, check, bad) => {
  it(`refuses ${RUNS} generated bad values, each with a short reason, and never throws`, () => {
    fc.assert(
      fc.property(bad, (value) => expectRefused(check(value))),
      { numRuns: RUNS },
    );
  });

  it('refuses every kind of non-string without throwing', () => {
    const cases: unknown[] = [
      undefined,
      null,
      Number.NaN,
      0,
      -0,
      12015550100,
      10n ** 400n,
      Symbol('s'),
      () => 1,
      [],
      [1],
      {},
      new Proxy({}, {}),
    ];
    for (const value of cases) expectRefused(check(value));
    fc.assert(
      fc.property(nonStrings, (value) => expectRefused(check(value))),
      { numRuns: RUNS },
    );
  });

  it('gives a short reason for a 10 MB value', () => {
    expectRefused(check('x'.repeat(10_000_000)));
    expectRefused(check(`+1${'2'.repeat(10_000_000)}`));
  });
});

describe('good values pass', () => {
  it("libphonenumber's example number of every country", () => {
    fc.assert(
      fc.property(goodNumbers, (number) => expect(checkNumber(number)).toEqual({ ok: true, value: number })),
      { numRuns: RUNS },
    );
  });

  it('application keys as Sinch issues them: UUIDs with and without hyphens, any case', () => {
    fc.assert(
      fc.property(goodApplicationKeys, (key) => expect(checkApplicationKey(key)).toEqual({ ok: true, value: key })),
      { numRuns: RUNS },
    );
    for (const key of [
      '5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
      '5F5C418A0F914BBC8234A9BF5EDDAD97',
      'ba5eba11-1dea-1337-babe-5a1ad00d1eaf',
    ]) {
      expect(checkApplicationKey(key)).toEqual({ ok: true, value: key });
    }
  });

  it('callback URLs answer their normalized form', () => {
    fc.assert(
      fc.property(goodCallbackUrls, (url) =>
        expect(checkCallbackUrl(url)).toEqual({ ok: true, value: new URL(url).href }),
      ),
      { numRuns: RUNS },
    );
    expect(checkCallbackUrl('HTTPS://Voice.Example.COM:443/sinch?a=1#x')).toEqual({
      ok: true,
      value: 'https://voice.example.com/sinch?a=1#x',
    });
    expect(checkCallbackUrl('https://example.com')).toEqual({ ok: true, value: 'https://example.com/' });
    expect(checkCallbackUrl('https://bücher.example/voice')).toEqual({
      ok: true,
      value: 'https://xn--bcher-kva.example/voice',
    });
  });

  it('capabilities and booleans', () => {
    expect(checkCapability('voice')).toEqual({ ok: true, value: 'voice' });
    expect(checkCapability('sms')).toEqual({ ok: true, value: 'sms' });
    expect(checkBoolean(true)).toEqual({ ok: true, value: true });
    expect(checkBoolean(false)).toEqual({ ok: true, value: false });
  });
});

describe('reasons', () => {
  it('a number written another way gets a suggestion', () => {
    expect(checkNumber('+1 201 555 0100')).toEqual({
      ok: false,
      reason: expect.stringContaining('write it as "+12015550100"'),
    });
    expect(checkNumber('12015550100')).toEqual({
      ok: false,
      reason: expect.stringContaining('write it as "+12015550100"'),
    });
    expect(checkNumber('+١٢٠١٥٥٥٠١٠٠')).toMatchObject({ ok: false });
  });

  it('callback URLs: each rule says what is wrong', () => {
    const reasons: Array<[string, RegExp]> = [
      ['http://voice.example.com/', /must use https; plain http is allowed only for localhost/],
      ['https://user:hunter2@voice.example.com/', /must not carry credentials/],
      ['javascript:alert(1)', /must use https \(got javascript\)/],
      ['file:///etc/passwd', /must use https \(got file\)/],
      ['https:example.com', /is not an absolute URL/],
      ['https:///example.com', /has no host after/],
      ['https://example.com/a\\b', /contains a backslash/],
      ['https://example.com/\r\nX-Injected: 1', /control or invisible character/],
      [' https://example.com/', /contains spaces/],
      [
        `https://example.com/${'a'.repeat(MAX_CALLBACK_URL_LENGTH)}`,
        new RegExp(`longer than ${MAX_CALLBACK_URL_LENGTH} characters`),
      ],
      [`https://example.com/${'é'.repeat(400)}`, /longer than 2048 characters once normalized/],
    ];
    for (const [url, reason] of reasons)
      expect(checkCallbackUrl(url)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('the length cap is inclusive', () => {
    const prefix = 'https://example.com/';
    expect(checkCallbackUrl(`${prefix}${'a'.repeat(MAX_CALLBACK_URL_LENGTH - prefix.length)}`).ok).toBe(true);
    expect(checkCallbackUrl(`${prefix}${'a'.repeat(MAX_CALLBACK_URL_LENGTH - prefix.length + 1)}`).ok).toBe(false);
  });

  it('a password in a refused URL is not repeated', () => {
    for (const url of [
      'https://user:hunter2@example.com/\n',
      'http://user:hunter2@example.com/',
      'https://user:hunter2@example.com/',
    ]) {
      const checked = checkCallbackUrl(url);
      expect(checked.ok).toBe(false);
      expect(JSON.stringify(checked)).not.toContain('hunter2');
    }
  });
});

describe('describeValue', () => {
  it('is short, escapes control characters, and never throws, for any value at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string({ unit: 'binary' }), nonStrings), (value) => {
        const shown = describeValue(value);
        expect(shown.length).toBeLessThanOrEqual(200);
        // eslint-disable-next-line no-control-regex
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('shows enough of a value to recognize it', () => {
    expect(describeValue('a\nb')).toBe('"a\\nb"');
    expect(describeValue('a\u202eb')).toBe('"a\\u202eb"');
    expect(describeValue('x'.repeat(10_000_000))).toBe(`"${'x'.repeat(60)}…" (10000000 characters)`);
    expect(describeValue(10n)).toBe('the BigInt 10');
    expect(describeValue(Symbol('s'))).toBe('a symbol');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('an array of 2 items');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(describeValue(loop)).toBe('an object');
  });
});

describe('the older helpers keep their signatures', () => {
  it('answer undefined for a good value and the reason for a bad one', () => {
    expect(e164Problem('+12015550100')).toBeUndefined();
    expect(e164Problem('12015550100')).toMatch(/write it as "\+12015550100"/);
    expect(capabilityProblem('voice')).toBeUndefined();
    expect(capabilityProblem('fax')).toMatch(/must be one of voice, sms/);
    expect(applicationKeyProblem('5f5c418a-0f91-4bbc-8234-a9bf5eddad97')).toBeUndefined();
    expect(applicationKeyProblem('a/b')).toMatch(/is not a Sinch application key/);
  });

  it('a missing application key points at the configuration', () => {
    expect(applicationKeyProblem(undefined)).toMatch(/sinch:applicationKey/);
    expect(applicationKeyProblem('')).toMatch(/sinch:applicationKey/);
  });

  it('the unknown marker', () => {
    expect(isUnknown(UNKNOWN)).toBe(true);
    expect(isUnknown('+12015550100')).toBe(false);
  });

  it('never throw either', () => {
    fc.assert(
      fc.property(fc.oneof(badNumbers, badApplicationKeys, badCallbackUrls, badCapabilities), (value) => {
        for (const problem of [e164Problem, capabilityProblem, applicationKeyProblem]) {
          const reason = problem(value);
          expect(reason === undefined || reason.length <= REASON_CAP).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
