/**
 * Generated inputs, bad and good, for each kind of argument: shared by the tests of the check functions
 * (test/provider/validation.test.ts) and of the client's own argument checks (resilience.test.ts).
 */
import fc from 'fast-check';
import { getCountries, getExampleNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';

/** The longest reason a refusal may give, whatever the size of the bad value. */
export const REASON_CAP = 400;
/** Generated values per property: the brief asks for at least 200 per input. */
export const RUNS = 250;

const circular = (): object => {
  const value: Record<string, unknown> = { name: 'loop' };
  value.self = value;
  return value;
};

/** Values that are neither strings nor booleans: numbers, exotic objects, BigInt, symbols, functions. */
export const nonStrings: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, null),
  fc.bigInt(),
  fc.object(),
  fc.array(fc.anything()),
  fc.constant(Symbol('sneaky')),
  fc.constant(() => 'a function'),
  fc.constant(circular()),
  fc.constant(Object.create(null) as object),
  fc.constantFrom(new Date(0), new Map([[1, 2]]), /regex/, new Uint8Array(3), Object(BigInt(7)) as object),
);

const controlCharacter = fc.oneof(
  fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u007f', '\u0085', '\u009b', '\u200b', '\u202e', '\u2028', '\ufeff'),
);

/** The value with text inserted at a generated position. */
const withInsert = (base: string, insert: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.nat({ max: base.length }), insert).map(([at, text]) => `${base.slice(0, at)}${text}${base.slice(at)}`);

/** A long run of one character: long enough to show that a reason never grows with its value. */
const huge = (length: number): fc.Arbitrary<string> =>
  fc.constantFrom('a', '1', '+', ' ', '\n', 'é').map((unit) => unit.repeat(length));

const E164_EXAMPLE = '+12015550100';

export const badNumbers: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '+',
    '++12015550100',
    '+0123456789',
    '12015550100',
    '+1 201 555 0100',
    '+1-201-555-0100',
    '+1234',
    '+1201555010O',
  ),
  // Too long for E.164 (at most 15 digits).
  fc.stringMatching(/^\+[1-9]\d{15,30}$/),
  // Letters.
  fc.stringMatching(/^\+?[a-zA-Z]{1,12}$/),
  fc.stringMatching(/^\+1[0-9]{3}[a-zA-Z][0-9]{6}$/),
  // Missing "+".
  fc.stringMatching(/^[1-9]\d{6,14}$/),
  // Digits of other scripts: Arabic-Indic, Extended Arabic-Indic, Devanagari, full width.
  fc.constantFrom('+١٢٠١٥٥٥٠١٠٠', '+۱۲۰۱۵۵۵۰۱۰۰', '+१२०१५५५०१००', '+１２０１５５５０１００'),
  // Whitespace around or inside.
  fc.constantFrom(`${E164_EXAMPLE}\n`, ` ${E164_EXAMPLE}`, `${E164_EXAMPLE} `, '+1201 5550100'),
  withInsert(E164_EXAMPLE, controlCharacter),
  huge(10_000_000),
  fc.boolean(),
  nonStrings,
);

const SAMPLE_KEY = '5f5c418a-0f91-4bbc-8234-a9bf5eddad97';

export const badApplicationKeys: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    '.',
    '..',
    ' ',
    'a/b',
    'a:b',
    'a?b',
    'a#b',
    'a%b',
    'a b',
    '../admin',
    'my-key-id',
    `${SAMPLE_KEY}/`,
    `${SAMPLE_KEY}x`,
  ),
  // Spaces inside, leading or trailing.
  fc.constantFrom(` ${SAMPLE_KEY}`, `${SAMPLE_KEY} `, `5f5c418a-0f91 4bbc-8234-a9bf5eddad97`),
  withInsert(SAMPLE_KEY, fc.oneof(controlCharacter, fc.constantFrom('/', ':', '?', '#', ' ', '%', '\\', '.', '..'))),
  withInsert(SAMPLE_KEY.replace(/-/g, ''), fc.oneof(controlCharacter, fc.constantFrom('/', ':', '?', '#', ' ', '%'))),
  // Hex-shaped but not hex, or the wrong length.
  fc.stringMatching(/^[g-z]{8}-[g-z]{4}-[g-z]{4}-[g-z]{4}-[g-z]{12}$/),
  fc.stringMatching(/^[0-9a-f]{1,31}$/),
  fc.stringMatching(/^[0-9a-f]{33,64}$/),
  fc.string().filter((value) => !/^[0-9a-f]{32}$/i.test(value)),
  huge(10_000_000),
  fc.constantFrom(false, true, 0, 1, Number.NaN),
  nonStrings,
);

export const badCapabilities: fc.Arbitrary<unknown> = fc.oneof(
  fc.string().filter((value) => value !== 'voice' && value !== 'sms'),
  fc.constantFrom('Voice', 'SMS', ' voice', 'voice ', 'fax', 'voice,sms', 'sms\n', ''),
  huge(10_000_000),
  fc.boolean(),
  nonStrings,
);

export const badBooleans: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('true', 'false', 'yes', '', 0, 1, null, Number.NaN),
  fc.string(),
  fc.integer(),
  huge(10_000_000),
  nonStrings,
);

const host = fc.domain();
const path = fc.stringMatching(/^(\/[a-z0-9]{0,8}){0,3}$/);

export const badCallbackUrls: fc.Arbitrary<unknown> = fc.oneof(
  // Plain http off this machine.
  fc.tuple(host, path).map(([name, rest]) => `http://${name}${rest}`),
  fc.constantFrom(
    'http://10.0.0.8/events',
    'http://192.168.1.1:8080/',
    'http://[::2]/',
    'http://localhost.example.com/',
    'http://0.0.0.0/',
  ),
  // Credentials in the URL.
  fc
    .tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-zA-Z0-9]{0,8}$/), host)
    .map(([user, password, name]) => `https://${user}:${password}@${name}/`),
  fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), host).map(([user, name]) => `https://${user}@${name}/`),
  // Other schemes, and what a parser would silently repair.
  fc.constantFrom(
    'javascript:alert(1)',
    'JavaScript:alert(1)//https://x.com',
    'file:///etc/passwd',
    'data:text/html,<script>1</script>',
    'ftp://example.com/',
  ),
  fc.constantFrom(
    'https:example.com',
    'https:/example.com',
    'https:///example.com',
    'https:\\\\example.com',
    '//example.com/voice',
    'example.com/voice',
  ),
  // Line breaks and other control characters, tabs, NUL, spaces, backslashes anywhere.
  withInsert(
    'https://voice.example.com/sinch',
    fc.oneof(controlCharacter, fc.constantFrom('\r\n', '\n', '\t', '\u0000', ' ', '\\')),
  ),
  fc.constantFrom(' https://example.com/', 'https://example.com/ ', 'https://example.com/\n'),
  // Longer than the cap, before or after normalization.
  fc.integer({ min: 2050, max: 10_240 }).map((length) => `https://example.com/${'a'.repeat(length)}`),
  fc.constant(`https://example.com/${'é'.repeat(400)}`),
  huge(10_000_000),
  // Not a URL at all.
  fc.string().filter((value) => !/^https:\/\/[^/\\\s]/i.test(value)),
  fc.constantFrom('', 'https://', 'https://:443/', 'https://exa mple.com/', 'https://example.com:99999/'),
  // What a URL parser would send as another URL than written (issue 19): each is refused, not rewritten.
  fc.constantFrom(
    'https://../',
    'https://.../',
    'https://./',
    'https://voice.example.com/a/../sinch',
    'https://voice.example.com/%2e%2e/sinch',
    'https://voice.example.com/.%2e/sinch',
    'https://voice.example.com/%2E/sinch',
    'https://voice%2eexample.com/',
    'https://010.10.10.10/',
    'https://0x0a000001/',
    'https://167772161/',
    'https://10.1/',
    'https://voice.example.com:0/',
    'https://voice.example.com:0443/',
    'https://voice.example.com:443/',
    'https://@voice.example.com/',
    'https://voice.example.com/sinch#/../admin',
    'https://voice.example.com/sinch#',
    'https://voice.example.com/%zz',
    'https://voice.example.com/%',
    'https://ｖｏｉｃｅ.example.com/',
    'https://voice。example.com/',
    'https://voi\u0301ce.example.com/',
    'https://bücher.example/voice',
    'https://[2001:0db8::1]/',
    "https://voice.example.com/?q=it's",
    'https://voice.example.com/"quoted"',
    'https://voice.example.com/{x}',
  ),
  fc.boolean(),
  nonStrings,
);

/** Numbers that Sinch accepts: libphonenumber's example mobile number of each country. */
const exampleNumbers = getCountries()
  .map((country) => getExampleNumber(country, examples)?.number)
  .filter((number): number is NonNullable<typeof number> => number !== undefined)
  .map(String);
export const goodNumbers: fc.Arbitrary<string> = fc.constantFrom(...exampleNumbers);

/** Application keys as Sinch issues them: UUIDs with or without hyphens, in either case. */
export const goodApplicationKeys: fc.Arbitrary<string> = fc
  .tuple(fc.uuid(), fc.boolean(), fc.boolean())
  .map(([uuid, upper, bare]) => {
    const cased = upper ? uuid.toUpperCase() : uuid;
    return bare ? cased.replace(/-/g, '') : cased;
  });

/** Path segments and queries of characters a URL parser leaves as they are, with escapes. */
const segment = fc
  .stringMatching(/^(?:[a-z0-9\-_~!$&()*+,;=:@]|%[0-9A-F]{2}){1,12}$/)
  .filter((text) => !/^(?:\.|%2e){1,2}$/i.test(text));
const query = fc.stringMatching(/^\?(?:[a-z0-9\-._~!$&()*+,;=:@/?]|%[0-9A-F]{2}){0,20}$/);

/** Callback URLs as a user writes them, and the form stored and sent: scheme and host lower-cased, "/" for no path. */
export const goodCallbackUrlForms: fc.Arbitrary<{ written: string; stored: string }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('https', 'HTTPS', 'Https'),
      fc.domain(),
      fc.boolean(),
      fc.option(fc.integer({ min: 1, max: 65535 }).filter((port) => port !== 443)),
      fc.array(segment, { maxLength: 4 }),
      fc.option(query),
    )
    .map(([scheme, host, upper, port, segments, search]) => {
      const authority = `${upper ? host.toUpperCase() : host}${port === null ? '' : `:${port}`}`;
      const path = segments.map((part) => `/${part}`).join('');
      const written = `${scheme}://${authority}${path}${search ?? ''}`;
      const stored = `https://${host}${port === null ? '' : `:${port}`}${path || '/'}${search ?? ''}`;
      return { written, stored };
    }),
  fc
    .tuple(
      fc.constantFrom(
        'http://localhost',
        'http://127.0.0.1',
        'http://127.8.9.10',
        'http://[::1]',
        'https://[2001:db8::1]',
      ),
      fc.option(fc.integer({ min: 1, max: 65535 }).filter((port) => port !== 80 && port !== 443)),
      path,
    )
    .map(([origin, port, rest]) => {
      const written = `${origin}${port === null ? '' : `:${port}`}${rest}`;
      return { written, stored: `${written}${rest === '' ? '/' : ''}` };
    }),
);

export const goodCallbackUrls: fc.Arbitrary<string> = goodCallbackUrlForms.map(({ written }) => written);
