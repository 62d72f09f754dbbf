/**
 * The parsers shared by `check`, the configuration and the client, value by value: generated bad values are refused
 * with a short reason and never throw; generated good values pass, in the form that is stored and sent.
 */
import fc from 'fast-check';
import { checkApplicationKey, checkBoolean, checkCapability, checkNumber } from '../../provider/client/arguments';
import { problemOf, type Checked } from '../../provider/client/checked';
import { describeValue } from '../../provider/client/quoting';
import { checkCallbackUrl, MAX_URL_LENGTH as MAX_CALLBACK_URL_LENGTH } from '../../provider/client/urls';
import { APPLICATION_KEY_INPUT, isUnknown, parseInputs, UNKNOWN } from '../../provider/validation';
import {
  badApplicationKeys,
  badBooleans,
  badCallbackUrls,
  badCapabilities,
  badNumbers,
  goodApplicationKeys,
  goodCallbackUrlForms,
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

  it('application keys as Sinch issues them, with and without hyphens, any case: answered dashed and lower case', () => {
    fc.assert(
      fc.property(goodApplicationKeys, (key) => {
        const hex = key.toLowerCase().replace(/-/g, '');
        const issued = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
        expect(checkApplicationKey(key)).toEqual({ ok: true, value: issued });
      }),
      { numRuns: RUNS },
    );
    for (const key of [
      '5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
      '5F5C418A0F914BBC8234A9BF5EDDAD97',
      '5f5c418a0f914bbc8234a9bf5eddad97',
      '5F5C418A-0F91-4BBC-8234-A9BF5EDDAD97',
    ]) {
      expect(checkApplicationKey(key)).toEqual({ ok: true, value: '5f5c418a-0f91-4bbc-8234-a9bf5eddad97' });
    }
  });

  it('callback URLs answer what was written, scheme and host lower-cased and "/" for an empty path', () => {
    fc.assert(
      fc.property(goodCallbackUrlForms, ({ written, stored }) =>
        expect(checkCallbackUrl(written)).toEqual({ ok: true, value: stored }),
      ),
      { numRuns: RUNS },
    );
    expect(checkCallbackUrl('HTTPS://Voice.Example.COM:8443/sinch?a=1')).toEqual({
      ok: true,
      value: 'https://voice.example.com:8443/sinch?a=1',
    });
    expect(checkCallbackUrl('https://example.com')).toEqual({ ok: true, value: 'https://example.com/' });
    expect(checkCallbackUrl('https://xn--bcher-kva.example/voice')).toEqual({
      ok: true,
      value: 'https://xn--bcher-kva.example/voice',
    });
    expect(checkCallbackUrl('https://voice.example.com./a%20b')).toEqual({
      ok: true,
      value: 'https://voice.example.com./a%20b',
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
      ['https:example.com', /must have exactly "\/\/" and a host/],
      ['https:///example.com', /must have exactly "\/\/" and a host/],
      ['https://example.com/a\\b', /contains a backslash/],
      ['https://example.com/\r\nX-Injected: 1', /control or invisible character/],
      [' https://example.com/', /contains spaces/],
      [
        `https://example.com/${'a'.repeat(MAX_CALLBACK_URL_LENGTH)}`,
        new RegExp(`longer than ${MAX_CALLBACK_URL_LENGTH} characters`),
      ],
      [`https://example.com/${'é'.repeat(400)}`, /must carry percent-encoded/],
      ['https://../', /empty part in its host name/],
      ['https://voice.example.com/a/../sinch', /"\." or "\.\." path segment/],
      ['https://voice.example.com/%2e%2e/sinch', /"\." or "\.\." path segment/],
      ['https://voice%2eexample.com/', /percent-encoded host/],
      ['https://010.10.10.10/', /IPv4 address in another notation \(it reads it as "8\.10\.10\.10"\)/],
      ['https://10.1/', /IPv4 address in another notation/],
      ['https://voice.example.com:0/', /a port is a number from 1 to 65535/],
      ['https://@voice.example.com/', /must not carry credentials or a user name/],
      ['https://voice.example.com/sinch#/../admin', /has a fragment/],
      ['https://voice.example.com/%zz', /does not start an escape/],
      ['https://ｅｘａｍｐｌｅ.com/', /punycode form \(xn--…\) \(it reads it as "example\.com"\)/],
      ['https://bücher.example/', /punycode form.*xn--bcher-kva\.example/],
      ['https://voice.example.com:443/', /a URL parser reads it as "https:\/\/voice\.example\.com\/"; write that/],
      ["https://voice.example.com/?q=it's", /reads it as "https:\/\/voice\.example\.com\/\?q=it%27s"/],
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

describe('check parses each input by its kind', () => {
  const parsers = {
    number: { parse: checkNumber },
    applicationKey: APPLICATION_KEY_INPUT,
    fallback: { parse: checkCallbackUrl, optional: true },
  };

  it('keeps the parsed form, and names each refused property', () => {
    expect(
      parseInputs({ number: '+12015550100', applicationKey: '5F5C418A0F914BBC8234A9BF5EDDAD97' }, parsers, undefined),
    ).toEqual({
      inputs: { number: '+12015550100', applicationKey: '5f5c418a-0f91-4bbc-8234-a9bf5eddad97' },
      failures: [],
    });
    const { failures } = parseInputs({ number: '12015550100', fallback: 'https://x.example/#a' }, parsers, undefined);
    expect(failures.map((failure) => failure.property)).toEqual(['number', 'applicationKey', 'fallback']);
    expect(failures[0]?.reason).toMatch(/write it as "\+12015550100"/);
    expect(failures[1]?.reason).toMatch(/sinch:applicationKey/);
  });

  it('lets values not known yet pass as they are', () => {
    expect(isUnknown(UNKNOWN)).toBe(true);
    expect(isUnknown('+12015550100')).toBe(false);
    expect(parseInputs({ number: UNKNOWN, applicationKey: UNKNOWN, fallback: UNKNOWN }, parsers, undefined)).toEqual({
      inputs: { number: UNKNOWN, applicationKey: UNKNOWN, fallback: UNKNOWN },
      failures: [],
    });
  });

  it('never shows the secret, in any case, nor a value that holds it', () => {
    const secret = 'JViE5vDor0Sw3WllZka15Q==';
    for (const value of [secret, secret.toLowerCase(), `https://x.example/${secret}#`, `+1${secret}`]) {
      const { failures } = parseInputs({ number: value, applicationKey: value, fallback: value }, parsers, secret);
      expect(failures).toHaveLength(3);
      for (const failure of failures) {
        expect(failure.reason.toLowerCase()).not.toContain(secret.toLowerCase());
        expect(failure.reason).toContain('[secret]');
      }
    }
  });

  it('never throws, and keeps reasons short', () => {
    fc.assert(
      fc.property(fc.oneof(badNumbers, badApplicationKeys, badCallbackUrls, badCapabilities), (value) => {
        for (const check of [checkNumber, checkCapability, checkApplicationKey, checkCallbackUrl]) {
          const reason = problemOf(check(value));
          expect(reason === undefined || reason.length <= REASON_CAP).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
