/**
 * Bad values by class, for every resource input, function argument and provider setting, and the good values that
 * must still pass: shared by the tests that send them through each front end (test/provider/refusedEverywhere.test.ts,
 * test/plugin/refusedEverywhere.test.ts). Every value crosses JSON and gRPC unchanged: no BigInt, no undefined, no
 * NaN or Infinity, no lone surrogates. The lists are built once and deterministically (the fast-check samples are
 * seeded), so a failure names the same value on every run.
 */
import fc from 'fast-check';
import { APP_A, APP_B, FOREIGN_NUMBER, VOICE_AND_SMS, VOICE_ONLY } from './fixtures';

/** The secret every front end is configured with in these tests; no reason may show it or a part of it. */
export const SECRET = APP_A.secret;
/** The longest reason a refusal may give, whatever the size of the bad value. */
export const REASON_CAP = 400;
/** The fewest distinct bad values each field and each setting gets. */
export const MINIMUM_PER_FIELD = 200;
/** A run of the secret this long is taken for the secret (the provider's own quoting draws the line there). */
const SECRET_PART = 8;

/** One bad value and the class it belongs to, for the message of a failure. */
export interface BadValue {
  readonly kind: string;
  readonly value: unknown;
}

/** A value that must pass, and the form its parser answers (what check stores, where a front end shows it). */
export interface GoodValue {
  readonly value: unknown;
  readonly stored: unknown;
}

type Classes = Readonly<Record<string, readonly unknown[]>>;

// ---------------------------------------------------------------------------------------------------------------
// Characters by class.

const codePoints = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index));

/** C0 controls (NUL to US), DEL, and the C1 controls. */
export const CONTROLS: readonly string[] = [...codePoints(0x00, 0x1f), '\u007f', ...codePoints(0x80, 0x9f)];
/** Bidirectional embeddings, overrides, isolates and marks. */
export const BIDI: readonly string[] = [
  ...codePoints(0x202a, 0x202e),
  ...codePoints(0x2066, 0x2069),
  '\u200e',
  '\u200f',
  '\u061c',
];
/** Characters that draw nothing: zero-width, joiners, the byte order mark, the soft hyphen, fillers, tags. */
export const INVISIBLE: readonly string[] = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u2060',
  '\u00ad',
  '\u180e',
  ...codePoints(0x2061, 0x2064),
  '\u034f',
  '\u115f',
  '\u1160',
  '\u3164',
  '\uffa0',
  '\ufe0f',
  '\u17b4',
  '\u{e0001}',
  '\u{e0041}',
];
/** Spaces other than the ASCII one, and the line and paragraph separators. */
export const ODD_SPACES: readonly string[] = [
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2003',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u202f',
  '\u205f',
  '\u3000',
  '\u2028',
  '\u2029',
];
/** Marks that combine with the character before them. */
const COMBINING: readonly string[] = ['\u0301', '\u0307', '\u0338', '\u20e0', '\u0300', '\u0323'];
/** The zero of other digit systems (each has ten consecutive digits). */
const DIGIT_ZEROS: Readonly<Record<string, number>> = {
  arabicIndic: 0x0660,
  extendedArabicIndic: 0x06f0,
  devanagari: 0x0966,
  bengali: 0x09e6,
  thai: 0x0e50,
  myanmar: 0x1040,
  fullWidth: 0xff10,
  mathematicalBold: 0x1d7ce,
};
/** Non-ASCII letters and signs that look like ASCII ones. */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  a: '\u0430',
  c: '\u0441',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  s: '\u0455',
  i: '\u0456',
  x: '\u0445',
  '.': '\u3002',
  '-': '\u2010',
  '+': '\uff0b',
  '/': '\u2215',
  ':': '\uff1a',
  '=': '\uff1d',
  '0': '\u041e',
  '1': '\u0661',
};

// ---------------------------------------------------------------------------------------------------------------
// Ways to spoil a good value.

const insertAt = (base: string, index: number, text: string): string =>
  `${base.slice(0, index)}${text}${base.slice(index)}`;

/** The text put at the start, in the middle and at the end of the value. */
const everywhere = (base: string, text: string): string[] => [
  insertAt(base, 0, text),
  insertAt(base, Math.max(1, Math.floor(base.length / 2)), text),
  `${base}${text}`,
];

const fullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (character) => String.fromCharCode((character.charCodeAt(0) as number) + 0xfee0));

/** Up to `count` indexes spread over the text. */
const spreadIndexes = (length: number, count: number): number[] =>
  [...new Set(Array.from({ length: Math.min(count, length) }, (_, at) => Math.floor((at * length) / count)))].filter(
    (index) => index < length,
  );

const replaceAt = (base: string, index: number, text: string): string =>
  `${base.slice(0, index)}${text}${base.slice(index + 1)}`;

/** Every value that fast-check draws from the arbitrary with this seed: the same on every run. */
const sampled = <T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] =>
  fc.sample(arbitrary, { numRuns: count, seed });

/** Values of the wrong JSON type. Null only where the value is required (elsewhere null means absent). */
function wrongTypes(base: string, options: { nullBad: boolean; exclude?: (value: unknown) => boolean }): unknown[] {
  const values: unknown[] = [
    0,
    1,
    -1,
    42,
    1234,
    5.5,
    3.14159,
    -0.5,
    2 ** 31,
    9007199254740991,
    -9007199254740991,
    1e21,
    1e-7,
    Number.MAX_VALUE,
    12015550100,
    true,
    false,
    [],
    [base],
    [1],
    [true],
    [null],
    ['a', 'b'],
    [[base]],
    [{}],
    {},
    { value: base },
    { [base]: base },
    { a: { b: { c: 1 } } },
    { '': '' },
    { length: 1, 0: base },
  ];
  if (options.nullBad) values.push(null);
  return options.exclude ? values.filter((value) => !options.exclude?.(value)) : values;
}

/** Empty, blank, and the value with whitespace around or inside. */
function whitespace(base: string, options: { emptyBad: boolean }): string[] {
  return [
    ...(options.emptyBad ? [''] : []),
    ' ',
    '   ',
    '\t',
    '\n',
    '\r\n',
    ' \t\n ',
    ...everywhere(base, ' '),
    ...everywhere(base, '\t'),
    ...everywhere(base, '\n'),
    ...everywhere(base, '\r\n'),
    ` ${base} `,
    ...ODD_SPACES,
    ...ODD_SPACES.flatMap((space) => [`${space}${base}`, `${base}${space}`]),
  ];
}

/** 10k and 100k characters: reasons must not grow with the value. */
function long(base: string): string[] {
  return [
    'a'.repeat(10_000),
    '9'.repeat(10_000),
    `${base}${'x'.repeat(10_000)}`,
    `${'x'.repeat(10_000)}${base}`,
    base.repeat(Math.ceil(10_000 / Math.max(1, base.length))),
    `${base}${'0'.repeat(100_000)}`,
    'é'.repeat(10_000),
    '\u{1f600}'.repeat(5_000),
    '\u0000'.repeat(10_000),
    '\u0001'.repeat(10_000),
    '\u0085'.repeat(10_000),
    '\u200b'.repeat(100_000),
    '\u202e'.repeat(10_000),
    '\u3000'.repeat(10_000),
    '\n'.repeat(10_000),
    `${base}${'\u200b'.repeat(10_000)}`,
    `${base}${'\u0007'.repeat(1_000)}`,
  ];
}

const controls = (base: string): string[] => CONTROLS.flatMap((character) => everywhere(base, character));
const bidi = (base: string): string[] => [
  ...BIDI.flatMap((character) => everywhere(base, character)),
  // The "Trojan source" shape: an override that reverses what follows, and its end.
  `\u202e${[...base].reverse().join('')}\u202c`,
  `${base.slice(0, 2)}\u2067${base.slice(2)}\u2069`,
];
const invisible = (base: string): string[] => INVISIBLE.flatMap((character) => everywhere(base, character));

/** Full-width forms, homoglyphs, the ideographic full stop and combining marks. */
function lookAlikes(base: string): string[] {
  const values = [fullWidth(base)];
  for (const index of spreadIndexes(base.length, 12)) {
    const character = base[index] as string;
    if (/[!-~]/.test(character)) values.push(replaceAt(base, index, fullWidth(character)));
  }
  for (const [ascii, glyph] of Object.entries(HOMOGLYPHS)) {
    const index = base.indexOf(ascii);
    if (index >= 0) values.push(replaceAt(base, index, glyph), base.split(ascii).join(glyph));
  }
  for (const mark of COMBINING) values.push(...everywhere(base, mark).slice(1));
  return values;
}

/** The value's digits written in other systems, all of them or only the first. */
function otherDigits(base: string): string[] {
  if (!/[0-9]/.test(base)) return [];
  return Object.values(DIGIT_ZEROS).flatMap((zero) => {
    const digit = (character: string) => String.fromCodePoint(zero + Number(character));
    const first = base.search(/[0-9]/);
    return [base.replace(/[0-9]/g, digit), replaceAt(base, first, digit(base[first] as string))];
  });
}

/** The application secret pasted into the field: as it is, in other cases, and inside a longer value. */
function secretPasted(base: string): string[] {
  return [
    SECRET,
    SECRET.toUpperCase(),
    SECRET.toLowerCase(),
    ` ${SECRET}`,
    `${base}${SECRET}`,
    `${SECRET}${base}`,
    `${base} ${SECRET}`,
    `${base}\n${SECRET}`,
    insertAt(base, Math.floor(base.length / 2), SECRET),
    `${base}${SECRET.toLowerCase()}`,
    `${SECRET.toUpperCase()}${base}`,
    `${base}${'x'.repeat(80)}${SECRET}`,
    fullWidth(SECRET),
  ];
}

/** The classes every text field gets, around one good value of the field. */
function commonClasses(base: string, options: { nullBad: boolean; emptyBad: boolean }): Classes {
  return {
    types: wrongTypes(base, options),
    whitespace: whitespace(base, options),
    long: long(base),
    controls: controls(base),
    bidi: bidi(base),
    invisible: invisible(base),
    lookAlikes: lookAlikes(base),
    otherDigits: otherDigits(base),
    secret: secretPasted(base),
  };
}

/** The classes flattened, each value once (by its JSON), the first class that gave it naming it. */
function distinct(...classes: Classes[]): BadValue[] {
  const seen = new Set<string>();
  const values: BadValue[] = [];
  for (const group of classes) {
    for (const [kind, members] of Object.entries(group)) {
      for (const value of members) {
        const key = typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        values.push({ kind, value });
      }
    }
  }
  return values;
}

/** Extra classes merged into the common ones, each under its own name. */
const merged = (common: Classes, extra: Classes): Classes => {
  const classes: Record<string, unknown[]> = Object.fromEntries(
    Object.entries(common).map(([kind, values]) => [kind, [...values]]),
  );
  for (const [kind, values] of Object.entries(extra)) classes[kind] = [...(classes[kind] ?? []), ...values];
  return classes;
};

// ---------------------------------------------------------------------------------------------------------------
// Phone numbers.

const NUMBER = '+12015550100';

const E164_EDGES: readonly string[] = [
  '+',
  '++12015550100',
  '+0123456789',
  '+01201555010',
  '+00012015550100',
  '12015550100',
  '0012015550100',
  '011 1 201 555 0100',
  '+1 201 555 0100',
  '+1-201-555-0100',
  '+1 (201) 555-0100',
  '+1(201)5550100',
  '+1.201.555.0100',
  '+1/201/5550100',
  '(201) 555-0100',
  '2015550100',
  '+1201555010O',
  '+1201555O100',
  '+l2015550100',
  '+1201555010o',
  '+12015550100;ext=12',
  '+12015550100x12',
  '+12015550100 ext. 12',
  '+12015550100#',
  '+12015550100*',
  '*67+12015550100',
  'tel:+12015550100',
  'tel:+1-201-555-0100',
  'sip:+12015550100@example.com',
  '+1',
  '+12',
  '+123',
  '+1234',
  '+1201555010',
  '+120155501000',
  '+1201555010000000',
  '+99912345678',
  '+12015550100+',
  '+-12015550100',
  '-12015550100',
  '\u221212015550100',
  '\ufe6212015550100',
  '\uff0b12015550100',
  '+1e10',
  '+1E10',
  '+0x1201555',
  '+12015550100.0',
  '+12,015,550,100',
  '+1 2 0 1 5 5 5 0 1 0 0',
  '+12015550100/voice',
  '+12015550100%00',
  '%2B12015550100',
  '+12015550100\\',
  'phone',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '+Infinity',
  '+\u00b9\u00b2\u2070\u00b9\u2075\u2075\u2075\u2070\u00b9\u2070\u2070',
  '+\u2460\u2461\u2469',
  `+${'9'.repeat(15)}`,
  `+${'1'.repeat(16)}`,
  ...sampled(fc.stringMatching(/^\+[1-9]\d{15,24}$/), 12, 164),
  ...sampled(fc.stringMatching(/^\+?[a-zA-Z]{1,12}$/), 8, 165),
  ...sampled(fc.stringMatching(/^[1-9]\d{9,14}$/), 8, 166),
];

const numberClasses = (options: { nullBad: boolean }): Classes =>
  merged(commonClasses(NUMBER, { ...options, emptyBad: true }), {
    e164: E164_EDGES,
    secret: [`+${SECRET}`, `tel:${SECRET}`],
  });

// ---------------------------------------------------------------------------------------------------------------
// Application keys.

const KEY = APP_A.key;
const DASHLESS = KEY.replace(/-/g, '');

const UUID_EDGES: readonly string[] = [
  KEY.slice(0, -1),
  `${KEY}0`,
  `${KEY}x`,
  DASHLESS.slice(0, -1),
  `${DASHLESS}0`,
  `${DASHLESS}${DASHLESS}`,
  `${KEY}${KEY}`,
  `${KEY}-${KEY}`,
  KEY.replace('a', 'g'),
  KEY.replace(/[a-f]/g, 'z'),
  DASHLESS.replace('f', 'x'),
  `{${KEY}}`,
  `{${DASHLESS}}`,
  `(${KEY})`,
  `[${KEY}]`,
  `"${KEY}"`,
  `'${KEY}'`,
  `urn:uuid:${KEY}`,
  `URN:UUID:${KEY}`,
  `uuid:${KEY}`,
  `0x${DASHLESS}`,
  KEY.replace(/-/g, '_'),
  KEY.replace(/-/g, ' '),
  KEY.replace(/-/g, ':'),
  KEY.replace(/-/g, '.'),
  KEY.replace(/-/g, '/'),
  KEY.replace('-', '_'),
  KEY.replace('-', ''),
  KEY.replace(/-(?=[^-]*$)/, ''),
  KEY.replace('-', '--'),
  `-${KEY}`,
  `${KEY}-`,
  `-${DASHLESS}`,
  DASHLESS.replace(/(.{4})(?!$)/g, '$1-'),
  `${DASHLESS.slice(0, 8)}-${DASHLESS.slice(8)}`,
  `${DASHLESS.slice(0, 12)}-${DASHLESS.slice(12, 16)}-${DASHLESS.slice(16, 20)}-${DASHLESS.slice(20)}`,
  `${DASHLESS.slice(0, 7)}-${DASHLESS.slice(7, 12)}-${DASHLESS.slice(12, 16)}-${DASHLESS.slice(16, 20)}-${DASHLESS.slice(20)}`,
  KEY.replace('-', '\u2010'),
  KEY.replace('-', '\u2011'),
  KEY.replace(/-/g, '\u2212'),
  KEY.replace(/-/g, '\u2013'),
  KEY.replace(/-/g, '\uff0d'),
  '00000000-0000-0000-0000-00000000000',
  '00000000-0000-0000-0000-0000000000000',
  'g'.repeat(32),
  'G'.repeat(32),
  Buffer.from(DASHLESS, 'hex').toString('base64'),
  Buffer.from(DASHLESS, 'hex').toString('base64url'),
  'my-key-id',
  'null',
  'undefined',
  '*',
  '.',
  '..',
  '../admin',
  `../${KEY}`,
  `${KEY}/..`,
  `${KEY}/${KEY}`,
  `${KEY}?x=1`,
  `${KEY}#x`,
  `${KEY}%00`,
  '%2e%2e',
  `${KEY}\\`,
  'a/b',
  'a?b',
  'a#b',
  'a%2Fb',
  ...sampled(fc.stringMatching(/^[g-z]{8}-[g-z]{4}-[g-z]{4}-[g-z]{4}-[g-z]{12}$/), 6, 36),
  ...sampled(fc.stringMatching(/^[0-9a-f]{1,31}$/), 6, 37),
  ...sampled(fc.stringMatching(/^[0-9a-f]{33,48}$/), 6, 38),
];

const applicationKeyClasses = (options: { emptyBad: boolean }): Classes =>
  merged(commonClasses(KEY, { nullBad: false, ...options }), {
    uuid: UUID_EDGES,
    secret: [`${SECRET}-${KEY}`, `${DASHLESS}${SECRET}`],
  });

// ---------------------------------------------------------------------------------------------------------------
// Capabilities and booleans.

const CAPABILITY_EDGES: readonly string[] = [
  'Voice',
  'VOICE',
  'vOICE',
  'Sms',
  'SMS',
  'sMs',
  ' voice',
  'voice ',
  'sms\n',
  'voice\u0000',
  'voic',
  'voices',
  'sms ',
  'fax',
  'mms',
  'data',
  'both',
  'all',
  '*',
  'voice,sms',
  'voice sms',
  'voice|sms',
  'voice/sms',
  '["voice"]',
  '"voice"',
  "'voice'",
  'voice;',
  'null',
  'undefined',
  'true',
  '0',
  '\u0455ms',
  'v\u043eice',
  '\uff56\uff4f\uff49\uff43\uff45',
  ...sampled(
    fc.string({ maxLength: 12 }).filter((text) => text !== 'voice' && text !== 'sms'),
    16,
    7,
  ),
];

const capabilityClasses = (): Classes =>
  merged(commonClasses('voice', { nullBad: false, emptyBad: true }), {
    capability: CAPABILITY_EDGES,
    types: [['voice'], { voice: true }, ['voice', 'sms']],
  });

const BOOLEAN_EDGES: readonly unknown[] = [
  'true',
  'false',
  'True',
  'FALSE',
  'yes',
  'no',
  'on',
  'off',
  '1',
  '0',
  't',
  'f',
  'y',
  'n',
  'null',
  '!0',
  0,
  1,
  -1,
  2,
  0.5,
  [true],
  [false],
  { value: true },
  { valueOf: false },
];

const booleanClasses = (): Classes =>
  merged(
    {
      ...commonClasses('true', { nullBad: false, emptyBad: true }),
      types: wrongTypes('true', { nullBad: false, exclude: (value) => typeof value === 'boolean' }),
    },
    { boolean: BOOLEAN_EDGES, lookAlikes: lookAlikes('false') },
  );

// ---------------------------------------------------------------------------------------------------------------
// URLs.

const CALLBACK = 'https://voice.example.com/events';
const BASE = 'https://callingapi.sinch.com/';

/** Hosts and paths a URL parser would rewrite, parse differently, or that can never be sent as written. */
const URL_EDGES: readonly string[] = [
  // Dot segments and percent-encoded dots.
  'https://../',
  'https://.../',
  'https://./',
  'https://voice.example.com/a/../sinch',
  'https://voice.example.com/./sinch',
  'https://voice.example.com/sinch/..',
  'https://voice.example.com/sinch/.',
  'https://voice.example.com/%2e%2e/sinch',
  'https://voice.example.com/%2E%2E/sinch',
  'https://voice.example.com/.%2e/sinch',
  'https://voice.example.com/%2e./sinch',
  'https://voice.example.com/%2e/sinch',
  'https://voice.example.com/%2E',
  'https://voice.example.com/a/%2e%2e',
  'HTTPS://VOICE.EXAMPLE.COM/A/../B',
  // Hosts in disguise.
  'https://voice%2eexample.com/',
  'https://voice%2Eexample.com/',
  'https://%76oice.example.com/',
  'https://010.10.10.10/',
  'https://0x0a000001/',
  'https://0X0A000001/',
  'https://167772161/',
  'https://10.1/',
  'https://10.0.1/',
  'https://0x7f.1/',
  'https://1.2.3.4.5/',
  'https://256.1.1.1/',
  'https://1.2.3.04/',
  'https://voice.example.10/',
  'https://voice.example.0x1/',
  'https://\uff56\uff4f\uff49\uff43\uff45.example.com/',
  'https://voice.\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com/',
  'https://voice\u3002example.com/',
  'https://voice\uff0eexample.com/',
  'https://voice\ufe52example.com/',
  'https://voi\u0301ce.example.com/',
  'https://voice.exa\u0308mple.com/',
  'https://b\u00fccher.example/voice',
  'https://\u4f8b\u3048.jp/',
  'https://xn--/',
  'https://-voice.example.com/',
  'https://voice-.example.com/',
  'https://voice..example.com/',
  'https://.voice.example.com/',
  'https://voice.example.com../',
  'https://voice.ex ample.com/',
  `https://${'a'.repeat(64)}.example.com/`,
  `https://${'abcdefghij.'.repeat(24)}com/`,
  'https://voice.example.com\u0000.evil.com/',
  'https://voice.example.com%00.evil.com/',
  'https://voice.example.com%2F@evil.com/',
  // Ports.
  'https://voice.example.com:0/',
  'https://voice.example.com:00/',
  'https://voice.example.com:0443/',
  'https://voice.example.com:443/',
  'http://localhost:80/',
  'https://voice.example.com:65536/',
  'https://voice.example.com:99999/',
  'https://voice.example.com:-1/',
  'https://voice.example.com:/',
  'https://voice.example.com:8o80/',
  'https://voice.example.com:+443/',
  'https://voice.example.com: 443/',
  'https://voice.example.com:\uff18\uff10/',
  'https://:443/',
  // User information.
  'https://@voice.example.com/',
  'https://user@voice.example.com/',
  'https://user:password@voice.example.com/',
  'https://:password@voice.example.com/',
  'https://voice.example.com@evil.com/',
  'https://voice.example.com:443@evil.com/',
  // Fragments.
  'https://voice.example.com/sinch#',
  'https://voice.example.com/sinch#frag',
  'https://voice.example.com/sinch#/../admin',
  'https://voice.example.com/#',
  'https://voice.example.com/?a=b#c',
  // Broken escapes.
  'https://voice.example.com/%zz',
  'https://voice.example.com/%',
  'https://voice.example.com/%2',
  'https://voice.example.com/a%g0',
  'https://voice.example.com/?q=%',
  'https://voice.example.com/?q=%zz',
  // Characters a URL carries only percent-encoded, which a parser would encode.
  "https://voice.example.com/?q=it's",
  "https://voice.example.com/?q='x'",
  'https://voice.example.com/"quoted"',
  'https://voice.example.com/<script>',
  'https://voice.example.com/{x}',
  'https://voice.example.com/a|b',
  'https://voice.example.com/a^b',
  'https://voice.example.com/a`b',
  'https://voice.example.com/a[b]',
  'https://voice.example.com/caf\u00e9',
  'https://voice.example.com/\u3002',
  // Backslashes.
  'https:\\\\voice.example.com\\sinch',
  'https://voice.example.com\\sinch',
  'https://voice.example.com/a\\b',
  'https:/\\voice.example.com/',
  // IPv6 not in its canonical form, and brackets that hold no address.
  'https://[2001:0db8::1]/',
  'https://[2001:db8:0:0:0:0:0:1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[0:0:0:0:0:0:0:1]/',
  'https://[::1/',
  'https://[v1.x]/',
  'https://[fe80::1%25eth0]/',
  'https://[voice.example.com]/',
  'https://[]/',
  // Schemes, and what a parser would repair.
  'http://voice.example.com/events',
  'http://10.0.0.8/events',
  'http://localhost.example.com/',
  'http://127.0.0.1.nip.io/',
  'http://127.1/',
  'http://0177.0.0.1/',
  'http://0.0.0.0/',
  'http://[::2]/',
  'javascript:alert(1)',
  'JavaScript:alert(1)//https://x.com',
  'file:///etc/passwd',
  'data:text/html,<script>1</script>',
  'ftp://voice.example.com/',
  'wss://voice.example.com/',
  'httpss://voice.example.com/',
  'https:voice.example.com/events',
  'https:/voice.example.com/events',
  'https:///voice.example.com/events',
  'https:////voice.example.com/events',
  '//voice.example.com/events',
  'voice.example.com/events',
  '/events',
  'https://',
  'https:',
  'https://?',
  'https://#',
  'https:///',
  // Just over the limit, 8k and 100k.
  `https://voice.example.com/${'a'.repeat(2048 - 26 + 1)}`,
  `https://voice.example.com/${'a'.repeat(8 * 1024)}`,
  `https://voice.example.com/${'a'.repeat(100_000)}`,
  `https://voice.example.com/?q=${'%41'.repeat(3_000)}`,
  `https://voice.example.com/${'\u00e9'.repeat(1_000)}`,
  // Control, invisible and bidirectional characters inside.
  'https://voice.example.com/events\r\nX-Injected: 1',
  'https://voice.example.com/\u0000',
  'https://voice.example.com\r/events',
  'https://voice.example.com\n/events',
  'https://voice.example.com\t/events',
  '\ufeffhttps://voice.example.com/events',
  'https://voice.exa\u200bmple.com/events',
  'https://voice.exa\u00admple.com/events',
  'https://voice.example.com/\u202eevil',
  'https://voice.example.com/events?\u2066x\u2069',
];

const urlClasses = (
  base: string,
  options: { nullBad: boolean; emptyBad: boolean; purpose: 'callback' | 'base' },
): Classes =>
  merged(commonClasses(base, options), {
    // The API's own address may name its default port (the connection goes to the same place); a callback URL may not.
    url: options.purpose === 'base' ? URL_EDGES.filter((url) => !DEFAULT_PORT.test(url)) : URL_EDGES,
    secret: [
      `https://${SECRET}/`,
      `https://${SECRET.toLowerCase()}.example.com/`,
      `https://user:${SECRET}@voice.example.com/`,
      `https://${SECRET}@voice.example.com/`,
      `https://voice.example.com:${SECRET}/`,
      `https://voice.example.com/#${SECRET}`,
      `https://voice.example.com/ ${SECRET}`,
      `https://${fullWidth(SECRET)}.example.com/`,
      `https://voice.example.com/${fullWidth(SECRET)}`,
      `http://voice.example.com/${SECRET}`,
      `https://voice.example.com/events?key=${SECRET}`,
      `https://voice.example.com/${SECRET.toUpperCase()}`,
    ],
  });

/** A URL that names its scheme's default port. */
const DEFAULT_PORT = /^(?:https:\/\/[^/]*:443|http:\/\/[^/]*:80)(?:\/|$)/i;

const BASE_URL_EDGES: readonly string[] = [
  'https://callingapi.sinch.com/?region=eu',
  'https://callingapi.sinch.com?x',
  'https://callingapi.sinch.com/?',
  'http://callingapi.sinch.com/',
  'https://callingapi.sinch.com:443/?region=eu',
  'https://callingapi.sinch.com/v1/../',
  'https://callingapi.sinch.com#',
];

// ---------------------------------------------------------------------------------------------------------------
// Settings: the authentication scheme, the secret, whole numbers.

const AUTH_EDGES: readonly string[] = [
  'Signed',
  'SIGNED',
  'sIgned',
  'Basic',
  'BASIC',
  'bAsic',
  ' basic',
  'basic ',
  ' signed',
  'signed ',
  'signed\n',
  'signed\u0000',
  'basic\t',
  'hmac',
  'HMAC',
  'hmac-sha256',
  'sign',
  'signature',
  'signing',
  'bearer',
  'Bearer',
  'none',
  'oauth',
  'oauth2',
  'digest',
  'token',
  'application',
  'basic,signed',
  'signed,basic',
  'signed basic',
  'signed|basic',
  'basic:',
  'basic auth',
  'Basic realm=x',
  'application-signed',
  "'signed'",
  '"signed"',
  '["signed"]',
  'null',
  'undefined',
  'true',
  'false',
  '0',
  '1',
  '\uff53\uff49\uff47\uff4e\uff45\uff44',
  '\u0455igned',
  'basi\u0441',
  's\u0131gned',
];

const authClasses = (): Classes =>
  merged(commonClasses('signed', { nullBad: false, emptyBad: false }), {
    auth: AUTH_EDGES,
    controls: controls('basic'),
    invisible: invisible('basic'),
    lookAlikes: lookAlikes('basic'),
  });

/** Base64 the dashboard would never show: signed requests cannot decode these. */
const NOT_BASE64: readonly string[] = [
  'not base64 !!',
  'abc',
  'abcde',
  'YQ',
  'YQ=',
  'Y===',
  '====',
  '=',
  'a===',
  'YQ==YQ==',
  'YQ==a',
  SECRET.replace(/=+$/, ''),
  SECRET.replace(/==$/, '='),
  `${SECRET}=`,
  `${SECRET}==`,
  SECRET.slice(1),
  SECRET.slice(0, -3),
  SECRET.replace(/[+/]/g, '-').replace('5', '-'),
  `${SECRET.slice(0, 22)}-_`,
  SECRET.replace('5', '.'),
  SECRET.replace('5', '%'),
  SECRET.replace('5', '*'),
  SECRET.replace('5', '!'),
  SECRET.replace('5', '$'),
  SECRET.replace('5', '_'),
  SECRET.replace('5', '-'),
  `=${SECRET.slice(0, -2)}`,
  encodeURIComponent(SECRET),
  `"${SECRET}"`,
  `'${SECRET}'`,
  `base64:${SECRET}`,
  `Basic ${SECRET}`,
  'SGVsbG8gV29ybGQ',
  'SGVsbG8gV29ybGQ=x',
  '-----BEGIN KEY-----',
  ...sampled(
    fc
      .stringMatching(/^[A-Za-z0-9+/]{5,30}[.!*$%\-_~,;:@&#?'"()[\]{}<>|^`\\][A-Za-z0-9+/]{0,10}$/)
      .filter((text) => text.length > 8),
    12,
    64,
  ),
];

/** What no scheme takes as a secret: wrong types, invisible characters, spaces, more than 1024 characters. */
const SECRET_UNUSABLE: Classes = {
  types: wrongTypes(SECRET, { nullBad: false }),
  whitespace: whitespace(SECRET, { emptyBad: false }).concat(
    [4, 8, 12, 16, 20].map((at) => insertAt(SECRET, at, '\n')),
    [`${SECRET.slice(0, 12)}\r\n${SECRET.slice(12)}\r\n`, SECRET.replace(/(.{4})/g, '$1 ')],
  ),
  long: [
    'QUFB'.repeat(257),
    'QUFB'.repeat(2_500),
    'QUFB'.repeat(25_000),
    `${SECRET}${'A'.repeat(1024)}`,
    ...long(SECRET).filter((value) => value.length > 1024 || /[^\x21-\x7e]/.test(value)),
  ],
  controls: controls(SECRET),
  bidi: bidi(SECRET),
  invisible: invisible(SECRET),
};

const secretClasses = (): Classes =>
  merged(SECRET_UNUSABLE, {
    base64: NOT_BASE64,
    lookAlikes: lookAlikes(SECRET),
    otherDigits: otherDigits(SECRET),
  });

/** A whole-number setting: text of ASCII digits within its range, or a JavaScript integer within it. */
function wholeNumberClasses(minimum: number, maximum: number, base: string): Classes {
  const inRange = (value: unknown) =>
    Number.isInteger(value) && (value as number) >= minimum && (value as number) <= maximum;
  return merged(
    {
      ...commonClasses(base, { nullBad: false, emptyBad: false }),
      types: wrongTypes(base, { nullBad: false, exclude: inRange }).concat([
        minimum - 1,
        maximum + 1,
        maximum + 0.5,
        minimum + 0.5,
        -1,
        -100,
        2 ** 53,
        [5],
        { value: 5 },
      ]),
    },
    {
      numeric: [
        ' 5',
        '5 ',
        '5\n',
        '\n5',
        '\t5',
        '5\t',
        '5\r\n',
        '5\u00a0',
        '\u00a05',
        '\ufeff5',
        '5\ufeff',
        '5\u2028',
        '5\u2029',
        '5\u200b',
        '5\u0000',
        '+5',
        '-1',
        '-0',
        '-5',
        '5.0',
        '5.',
        '.5',
        '5.5',
        '0.5',
        '1e3',
        '1E3',
        '1e0',
        '5e-0',
        '0x10',
        '0X10',
        '0o7',
        '0b1',
        `${'0'.repeat(10_000)}5`,
        '000000005',
        '5_0',
        '5,0',
        '5 0',
        '1,000',
        'five',
        'Infinity',
        '-Infinity',
        'NaN',
        'null',
        'undefined',
        'true',
        'false',
        '[5]',
        '{}',
        '"5"',
        '\u0665',
        '\u06f5',
        '\u096b',
        '\uff15',
        '\u2075',
        '\u2464',
        '\u2164',
        '\u{1d7d3}',
        '\u09eb',
        '\u0e55',
        '\u0663\u0666\u0660\u0660',
        String(minimum - 1),
        String(maximum + 1),
        String(maximum * 10),
        '99999',
        '4294967297',
        '9007199254740993',
        `${maximum}.0`,
        `${minimum}.5`,
      ],
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// What each front end takes.

/** Resource inputs: NumberAssignment's and ApplicationCallbacks'. Null is bad only where it stands for "absent" of a required input. */
export const BAD_INPUTS = {
  NumberAssignment: {
    number: distinct(numberClasses({ nullBad: true })),
    applicationKey: distinct(applicationKeyClasses({ emptyBad: true })),
    capability: distinct(capabilityClasses()),
    allowReassign: distinct(booleanClasses()),
  },
  ApplicationCallbacks: {
    applicationKey: distinct(applicationKeyClasses({ emptyBad: true })),
    primary: distinct(urlClasses(CALLBACK, { nullBad: true, emptyBad: true, purpose: 'callback' })),
    fallback: distinct(urlClasses(CALLBACK, { nullBad: false, emptyBad: true, purpose: 'callback' })),
  },
} as const;

/** Function arguments: null leaves an optional argument out, and a required one missing. */
export const BAD_ARGUMENTS = {
  getNumbers: {
    applicationKey: distinct(applicationKeyClasses({ emptyBad: true })),
    capability: distinct(capabilityClasses()),
  },
  queryNumber: {
    number: distinct(numberClasses({ nullBad: true })),
  },
} as const;

/**
 * Provider settings. Null and empty text mean unset, so they are not here; the secret is judged for signed requests
 * (the default). BAD_BASIC_SECRETS are bad whatever the scheme.
 */
export const BAD_SETTINGS = {
  applicationKey: distinct(applicationKeyClasses({ emptyBad: false })),
  applicationSecret: distinct(secretClasses()),
  baseUrl: distinct(urlClasses(BASE, { nullBad: false, emptyBad: false, purpose: 'base' }), { base: BASE_URL_EDGES }),
  auth: distinct(authClasses()),
  operationTimeout: distinct(wholeNumberClasses(1, 3600, '30')),
  maxRetries: distinct(wholeNumberClasses(0, 100, '10')),
} as const;

export const BAD_BASIC_SECRETS: readonly BadValue[] = distinct(SECRET_UNUSABLE);

/** The bad values stack configuration can give: it gives text only. */
export const textOnly = (values: readonly BadValue[]): BadValue[] =>
  values.filter((bad) => typeof bad.value === 'string');

// ---------------------------------------------------------------------------------------------------------------
// Good values, and the form each is stored in.

const CANONICAL_KEYS: readonly string[] = [APP_A.key, APP_B.key];

/** Every form of a key Sinch issues: dashed or dashless, lower, upper or mixed case; stored dashed and lower-case. */
export const GOOD_APPLICATION_KEYS: readonly GoodValue[] = CANONICAL_KEYS.flatMap((key) => {
  const bare = key.replace(/-/g, '');
  const mixed = [...key].map((character, index) => (index % 2 ? character.toUpperCase() : character)).join('');
  return [key, bare, key.toUpperCase(), bare.toUpperCase(), mixed, mixed.replace(/-/g, '')].map((value) => ({
    value,
    stored: key,
  }));
}).concat([{ value: '00000000-0000-0000-0000-000000000000', stored: '00000000-0000-0000-0000-000000000000' }]);

const same = (values: readonly unknown[]): GoodValue[] => values.map((value) => ({ value, stored: value }));

export const GOOD_NUMBERS: readonly GoodValue[] = same([
  NUMBER,
  VOICE_ONLY,
  VOICE_AND_SMS,
  FOREIGN_NUMBER,
  '+46701234567',
  '+447911123456',
  '+33612345678',
]);

export const GOOD_CAPABILITIES: readonly GoodValue[] = same(['voice', 'sms']);
export const GOOD_BOOLEANS: readonly GoodValue[] = same([true, false]);

export const GOOD_CALLBACK_URLS: readonly GoodValue[] = [
  ...same([
    CALLBACK,
    'https://voice.example.com/',
    'https://voice.example.com:8443/events',
    'https://voice.example.com/events?token=abc&x=%20y',
    'https://voice.example.com/a/b/c;v=1',
    'https://voice.example.com/~user/..%2f',
    'https://voice.example.com/%2e%2e%2f',
    'https://voice.example.com./events',
    'https://_dmarc.example.com/',
    'https://xn--bcher-kva.example/voice',
    'https://192.0.2.10/events',
    'https://[2001:db8::1]/events',
    'http://localhost/events',
    'http://localhost:8080/events',
    'http://127.0.0.1:3000/',
    'http://127.255.255.254/',
    'http://[::1]:8080/events',
    `https://voice.example.com/${'a'.repeat(2048 - 26)}`,
  ]),
  { value: 'https://voice.example.com', stored: 'https://voice.example.com/' },
  { value: 'HTTPS://Voice.Example.COM/Events', stored: 'https://voice.example.com/Events' },
  { value: 'https://[2001:DB8::1]/', stored: 'https://[2001:db8::1]/' },
  { value: 'HTTP://LOCALHOST:8080/x', stored: 'http://localhost:8080/x' },
  { value: 'https://voice.example.com?x=1', stored: 'https://voice.example.com/?x=1' },
];

export const GOOD_BASE_URLS: readonly GoodValue[] = [
  ...same([
    BASE,
    'https://proxy.example.com/sinch/',
    'https://proxy.example.com/sinch',
    'https://callingapi.sinch.com:8443/',
    'http://localhost:8080/',
    'http://127.0.0.1:9999/prefix',
    'http://[::1]:8080/',
  ]),
  { value: 'https://callingapi.sinch.com', stored: BASE },
  { value: 'HTTPS://CallingAPI.Sinch.com', stored: BASE },
  // Its default port, named: the connection goes to the same place.
  { value: 'https://callingapi.sinch.com:443/', stored: 'https://callingapi.sinch.com:443/' },
  { value: 'http://localhost:80/', stored: 'http://localhost:80/' },
];

export const GOOD_SECRETS: readonly GoodValue[] = same([
  APP_A.secret,
  APP_B.secret,
  'c2VjcmV0',
  'YWJj',
  'YQ==',
  'YWI=',
]);
export const GOOD_AUTH: readonly GoodValue[] = same(['signed', 'basic']);
export const GOOD_TIMEOUTS: readonly GoodValue[] = [
  ...['1', '30', '3600', '0030', '0001'].map((value) => ({ value, stored: Number(value) })),
  ...same([1, 30, 3600]),
];
export const GOOD_RETRIES: readonly GoodValue[] = [
  ...['0', '3', '100', '000', '010'].map((value) => ({ value, stored: Number(value) })),
  ...same([0, 3, 100]),
];

export const GOOD_INPUTS = {
  NumberAssignment: {
    number: GOOD_NUMBERS,
    applicationKey: GOOD_APPLICATION_KEYS,
    capability: GOOD_CAPABILITIES,
    allowReassign: GOOD_BOOLEANS,
  },
  ApplicationCallbacks: {
    applicationKey: GOOD_APPLICATION_KEYS,
    primary: GOOD_CALLBACK_URLS,
    fallback: GOOD_CALLBACK_URLS,
  },
} as const;

export const GOOD_ARGUMENTS = {
  getNumbers: { applicationKey: GOOD_APPLICATION_KEYS, capability: GOOD_CAPABILITIES },
  queryNumber: { number: GOOD_NUMBERS },
} as const;

export const GOOD_SETTINGS = {
  applicationKey: GOOD_APPLICATION_KEYS,
  applicationSecret: GOOD_SECRETS,
  baseUrl: GOOD_BASE_URLS,
  auth: GOOD_AUTH,
  operationTimeout: GOOD_TIMEOUTS,
  maxRetries: GOOD_RETRIES,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// What a reason must be.

/**
 * Characters a reason must never carry raw: controls, format characters (bidirectional, zero-width, the byte order
 * mark, tags), line and paragraph separators, private use and lone surrogates, spaces other than the ASCII one, and
 * the fillers that draw nothing.
 */
export const RAW_INVISIBLE =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u115f\u1160\u3164\uffa0]|\p{Variation_Selector}|\u034f|\u17b4|\u17b5|(?! )\p{Zs}/u;

/**
 * True when the text shows the secret in any case, or (`parts`) a run of it long enough to be taken for it: the
 * configured secret is random, so any eight characters of it in a reason came from it.
 */
export function showsSecret(text: string, secret: string = SECRET, parts = true): boolean {
  const folded = text.toLowerCase();
  const wanted = secret.toLowerCase();
  if (!parts || wanted.length < SECRET_PART) return folded.includes(wanted);
  for (let at = 0; at + SECRET_PART <= wanted.length; at += 1)
    if (folded.includes(wanted.slice(at, at + SECRET_PART))) return true;
  return false;
}

/** A value as a failure message shows it: short, escaped, its class named. */
export function shown(bad: BadValue): string {
  const text = JSON.stringify(bad.value);
  const escaped = text.replace(
    new RegExp(RAW_INVISIBLE.source, 'gu'),
    (character) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`,
  );
  const size = typeof bad.value === 'string' && bad.value.length > 40 ? ` (${bad.value.length} chars)` : '';
  return `[${bad.kind}] ${escaped.length > 90 ? `${escaped.slice(0, 90)}…` : escaped}${size}`;
}

/**
 * What is wrong with a reason (empty when nothing): too long, a raw invisible character, the secret. `secrets` are
 * what the reason must not show, the first in any part of it, the others whole; `cap` is the longest it may be.
 */
export function reasonProblems(reason: unknown, secrets: readonly string[] = [SECRET], cap = REASON_CAP): string[] {
  if (typeof reason !== 'string' || reason === '') return [`no reason (${JSON.stringify(reason)})`];
  const problems: string[] = [];
  if (reason.length > cap) problems.push(`the reason is ${reason.length} characters long (at most ${cap})`);
  const raw = RAW_INVISIBLE.exec(reason)?.[0];
  if (raw !== undefined)
    problems.push(`the reason carries U+${(raw.codePointAt(0) as number).toString(16).padStart(4, '0')} raw`);
  for (const [index, secret] of secrets.entries())
    if (showsSecret(reason, secret, index === 0)) problems.push('the reason shows the secret');
  return problems;
}

/**
 * Whether the engine could print the value beside a failure on its property without harm: the engine prints a
 * failed property's value whole and unescaped, so a failure may stand under its property only for such a value.
 */
export function echoable(value: unknown, secrets: readonly string[] = [SECRET]): boolean {
  if (typeof value !== 'string') return value === null || ['number', 'boolean', 'undefined'].includes(typeof value);
  return (
    value.length <= 60 &&
    !new RegExp(RAW_INVISIBLE.source, 'u').test(value) &&
    !secrets.some((secret, index) => showsSecret(value, secret, index === 0))
  );
}

/**
 * The failures of one check, judged: exactly one, with a reason that passes reasonProblems, that names `property`:
 * under it, when the value (if given) is one the engine may print beside it; otherwise under no property, with
 * `property` (or `label`, such as `sinch:baseUrl`) at the head of the reason.
 */
export function refusalProblems(
  failures: ReadonlyArray<{ property: string; reason: string }> | undefined,
  property: string,
  secrets: readonly string[] = [SECRET],
  bad?: BadValue,
  label: string = property,
): string[] {
  const list = failures ?? [];
  const [failure] = list;
  if (list.length !== 1 || failure === undefined)
    return [`expected one failure on ${property}, got ${JSON.stringify(list.map((each) => each.property))}`];
  if (failure.property === property) {
    if (bad !== undefined && !echoable(bad.value, secrets))
      return [`the failure stands under ${property}, so the engine would print the value beside it`];
  } else if (failure.property !== '' || !failure.reason.startsWith(`${label} `)) {
    return [
      `expected one failure on ${property} (or on none, its reason beginning "${label} "), got ${JSON.stringify(failure.property)}: ${failure.reason.slice(0, 80)}`,
    ];
  }
  return reasonProblems(failure.reason, secrets);
}

/**
 * The secrets a reason about a bad secret must not show: the usual one (any part of it), and the bad value itself
 * (whole: a bad value such as "not base64 !!" shares words with any reason).
 */
export function secretsFor(bad: BadValue): string[] {
  return typeof bad.value === 'string' && bad.value.trim().length >= SECRET_PART && bad.value.length <= 4096
    ? [SECRET, bad.value]
    : [SECRET];
}

/** Collects problems over many values, and reports at most `limit` of them, with their count. */
export class Problems {
  private readonly found: string[] = [];

  add(bad: BadValue, problems: readonly string[]): void {
    for (const problem of problems) this.found.push(`${shown(bad)}: ${problem}`);
  }

  report(limit = 40): string[] {
    return this.found.length <= limit
      ? [...this.found]
      : [...this.found.slice(0, limit), `… and ${this.found.length - limit} more`];
  }
}
