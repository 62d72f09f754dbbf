import type { PhoneNumber } from 'libphonenumber-js';
import { CAPABILITIES, type Capability } from './types';

/**
 * The accepted shape of each kind of input, shared by the client's own argument checks and by the resources'
 * `check`, so that nothing the provider accepts is refused by the client or the reverse.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
const refuse = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** How much of a bad value a reason repeats: enough to recognize it, never its whole size. */
const ECHO_LIMIT = 60;
/** Sinch's own limit is undocumented; a callback URL longer than this is almost surely a mistake. */
export const MAX_CALLBACK_URL_LENGTH = 2048;

/** A bad value as a reason shows it: capped, control characters escaped, and safe for any value at all. */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const shown = escapeInvisible(JSON.stringify(value.slice(0, ECHO_LIMIT)));
      return value.length > ECHO_LIMIT ? `${shown.slice(0, -1)}…" (${value.length} characters)` : shown;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'bigint':
      return `the BigInt ${String(value).slice(0, ECHO_LIMIT)}`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return value === null ? 'null' : Array.isArray(value) ? `an array of ${value.length} items` : 'an object';
  }
}

/**
 * Characters that JSON leaves as they are but a terminal or log viewer would act on or hide: DEL, C1 controls,
 * zero-width and bidirectional marks, line and paragraph separators, the byte order mark.
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

const escapeInvisible = (text: string): string =>
  text.replace(INVISIBLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

const E164 = /^\+[1-9]\d{1,14}$/;

let parsePhoneNumber: ((text: string) => PhoneNumber | undefined) | undefined;

/**
 * libphonenumber's parser, loaded when the first number is checked: a refresh or a destroy checks none, and each
 * plugin process the engine starts is spared loading it.
 */
function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first number, see above
  parsePhoneNumber ??= (require('libphonenumber-js') as typeof import('libphonenumber-js')).parsePhoneNumberFromString;
  return parsePhoneNumber(text);
}

/**
 * Numbers libphonenumber has judged, by their text: a deployment checks each of its numbers, then sends it, then reads
 * it back, and one judgement costs more than half a millisecond (it builds its metadata anew each time).
 */
const judged = new Map<string, boolean>();
const JUDGED_LIMIT = 10_000;

function possible(number: string): boolean {
  let answer = judged.get(number);
  if (answer === undefined) {
    answer = parsePhoneNumberFromString(number)?.isPossible() === true;
    if (judged.size >= JUDGED_LIMIT) judged.clear();
    judged.set(number, answer);
  }
  return answer;
}

/** An E.164 number that libphonenumber finds possible for its country code. */
export function checkNumber(value: unknown): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '')
    return refuse(`must be a phone number in E.164 form, such as +12015550100; got ${describeValue(value)}`);
  if (E164.test(value)) {
    return possible(value)
      ? accept(value)
      : refuse(`${describeValue(value)} is not a possible phone number for its country code`);
  }
  // Only a short value can be a number written another way; a long one is not worth parsing.
  const parsed =
    value.length <= 40 ? parsePhoneNumberFromString(value.startsWith('+') ? value : `+${value}`) : undefined;
  const suggestion = parsed?.isPossible() ? `; write it as "${parsed.number}"` : '';
  return refuse(
    `${describeValue(value)} is not in E.164 form (a + followed by the country code and number, digits only)${suggestion}`,
  );
}

/** The form Sinch issues application keys in: a UUID, with or without its hyphens, in either case. */
const APPLICATION_KEY = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

export function checkApplicationKey(value: unknown): Checked<string> {
  if (typeof value !== 'string')
    return refuse(
      `must be a Sinch application key (a UUID such as 5f5c418a-0f91-4bbc-8234-a9bf5eddad97); got ${describeValue(value)}`,
    );
  return APPLICATION_KEY.test(value)
    ? accept(value)
    : refuse(
        `${describeValue(value)} is not a Sinch application key (a UUID such as 5f5c418a-0f91-4bbc-8234-a9bf5eddad97, as the dashboard shows it)`,
      );
}

export function checkCapability(value: unknown): Checked<Capability> {
  return (CAPABILITIES as readonly unknown[]).includes(value)
    ? accept(value as Capability)
    : refuse(`must be one of ${CAPABILITIES.join(', ')}; got ${describeValue(value)}`);
}

export function checkBoolean(value: unknown): Checked<boolean> {
  return typeof value === 'boolean' ? accept(value) : refuse(`must be true or false; got ${describeValue(value)}`);
}

/** The user and password of a URL, up to the "@" of its authority. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/*)[^/?#@]*@/i;

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** True for a host name that never leaves the machine: plain http to it carries nothing across a network. */
export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.test(hostname);

/**
 * An absolute https URL (http only to a loopback host), answered in the normalized form that is stored and sent.
 * What a URL parser would silently repair (spaces around it, control characters, backslashes, a missing `//`) is
 * refused instead, so that what is stored is what the user meant.
 */
export function checkCallbackUrl(value: unknown): Checked<string> {
  if (typeof value !== 'string' || value === '')
    return refuse(`must be an absolute https URL; got ${describeValue(value)}`);
  // A password in a refused URL is not repeated in the reason, which ends up in logs.
  const shown = describeValue(value.replace(USERINFO, '$1…@'));
  if (value.length > MAX_CALLBACK_URL_LENGTH)
    return refuse(`${shown} is longer than ${MAX_CALLBACK_URL_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value) || new RegExp(INVISIBLE.source).test(value)) {
    return refuse(`${shown} contains a control or invisible character (such as a line break)`);
  }
  if (value.trim() !== value || /\s/.test(value)) return refuse(`${shown} contains spaces`);
  if (value.includes('\\')) return refuse(`${shown} contains a backslash`);
  // A parser would drop the extra slashes of "https:///host" and read a host that was never written.
  if (/^https?:\/\/\//i.test(value)) return refuse(`${shown} has no host after "//"`);
  if (!/^https?:\/\//i.test(value)) {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^https?:/i.test(value)
      ? refuse(`${shown} must use https (got ${value.slice(0, value.indexOf(':')).slice(0, 20).toLowerCase()})`)
      : refuse(`${shown} is not an absolute URL such as https://voice.example.com/sinch`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return refuse(`${shown} is not an absolute URL`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return refuse(`${shown} must use https; plain http is allowed only for localhost, 127.0.0.0/8 and [::1]`);
  if (url.username || url.password)
    return refuse(
      'must not carry credentials (user:password@): they would be stored in plain text in the Pulumi state',
    );
  // Normalizing percent-encodes what needs it, which can make the stored form longer than what was written.
  if (url.href.length > MAX_CALLBACK_URL_LENGTH)
    return refuse(`${shown} is longer than ${MAX_CALLBACK_URL_LENGTH} characters once normalized`);
  return accept(url.href);
}

/** The reason of a refusal, or undefined: for callers that only need to know what is wrong. */
export const problemOf = (checked: Checked<unknown>): string | undefined => (checked.ok ? undefined : checked.reason);
