/**
 * One strict parser per kind of value, shared by both front ends' `check`, the provider's configuration, the
 * functions' arguments and the client's own argument checks, so that nothing the provider accepts is refused by the
 * client or the reverse. Each answers the value in the form that is stored and sent, or a reason that quotes the
 * value through the caller's `quote` (which never shows the application secret).
 */
import type { PhoneNumber } from 'libphonenumber-js';
import { accept, refuse, type Checked } from './checked';
import { describeValue, hasInvisible, type Quote } from './quoting';
import { AUTH_SCHEMES, CAPABILITIES, type AuthScheme, type Capability } from './types';

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
export function checkNumber(value: unknown, quote: Quote = describeValue): Checked<string> {
  if (typeof value !== 'string' || value.trim() === '')
    return refuse(`must be a phone number in E.164 form, such as +12015550100; got ${quote(value)}`);
  if (E164.test(value)) {
    return possible(value)
      ? accept(value)
      : refuse(`${quote(value)} is not a possible phone number for its country code`);
  }
  // Only a short value can be a number written another way; a long one is not worth parsing.
  const parsed =
    value.length <= 40 ? parsePhoneNumberFromString(value.startsWith('+') ? value : `+${value}`) : undefined;
  const suggestion = parsed?.isPossible() ? `; write it as "${parsed.number}"` : '';
  return refuse(
    `${quote(value)} is not in E.164 form (a + followed by the country code and number, digits only)${suggestion}`,
  );
}

/** An application key as Sinch issues it, or its 32 hexadecimal digits without the dashes; either case. */
const APPLICATION_KEY = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

const KEY_EXAMPLE = '5f5c418a-0f91-4bbc-8234-a9bf5eddad97';

/**
 * An application key, answered in the form Sinch issues it (dashed, lower case): the dashless and capitalised forms
 * are the same key, stored, compared and sent as that form.
 */
export function checkApplicationKey(value: unknown, quote: Quote = describeValue): Checked<string> {
  if (typeof value !== 'string')
    return refuse(`must be a Sinch application key (a UUID such as ${KEY_EXAMPLE}); got ${quote(value)}`);
  if (!APPLICATION_KEY.test(value))
    return refuse(
      `${quote(value)} is not a Sinch application key (a UUID such as ${KEY_EXAMPLE}, as the dashboard shows it)`,
    );
  const hex = value.toLowerCase().replace(/-/g, '');
  return accept(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
}

export function checkCapability(value: unknown, quote: Quote = describeValue): Checked<Capability> {
  return (CAPABILITIES as readonly unknown[]).includes(value)
    ? accept(value as Capability)
    : refuse(`must be one of ${CAPABILITIES.join(', ')}; got ${quote(value)}`);
}

export function checkBoolean(value: unknown, quote: Quote = describeValue): Checked<boolean> {
  return typeof value === 'boolean' ? accept(value) : refuse(`must be true or false; got ${quote(value)}`);
}

export function checkAuthScheme(value: unknown, quote: Quote = describeValue): Checked<AuthScheme> {
  return (AUTH_SCHEMES as readonly unknown[]).includes(value)
    ? accept(value as AuthScheme)
    : refuse(`must be one of ${AUTH_SCHEMES.join(', ')}; got ${quote(value)}`);
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Far longer than any secret Sinch issues (24 characters), and short enough to refuse a pasted file. */
const MAX_SECRET_LENGTH = 1024;

/**
 * The application secret: text, as the dashboard shows it. Signed requests decode it, so it must be standard padded
 * base64; Basic sends it as typed, so there only control, invisible and space characters are refused. The reason
 * never shows the value.
 */
export function checkApplicationSecret(value: unknown, auth: AuthScheme = 'signed'): Checked<string> {
  if (typeof value !== 'string')
    return refuse(
      `must be text, the secret as the Sinch dashboard shows it; got ${typeof value === 'object' ? (value === null ? 'null' : Array.isArray(value) ? 'an array' : 'an object') : `a ${typeof value}`} (the value is not shown)`,
    );
  if (value === '') return refuse('is empty');
  if (value.length > MAX_SECRET_LENGTH)
    return refuse(`is longer than ${MAX_SECRET_LENGTH} characters (the value is not shown)`);
  if (auth === 'signed' && !STRICT_BASE64.test(value))
    return refuse(
      'must be the base64 value shown in the Sinch dashboard for signed requests (it is not valid base64; the value is not shown)',
    );
  if (hasInvisible(value) || /\s/.test(value))
    return refuse('contains a space, a line break or another invisible character (the value is not shown)');
  return accept(value);
}

/**
 * A whole number within its range, as configuration gives it: a number, or text of ASCII decimal digits only (no
 * sign, no spaces, no padding longer than the largest value's digits).
 */
export function checkWholeNumber(minimum: number, maximum: number) {
  const digits = String(maximum).length;
  return (value: unknown, quote: Quote = describeValue): Checked<number> => {
    const text = typeof value === 'number' ? String(value) : value;
    const number = typeof text === 'string' && new RegExp(`^\\d{1,${digits}}$`).test(text) ? Number(text) : Number.NaN;
    return number >= minimum && number <= maximum
      ? accept(number)
      : refuse(`must be a whole number from ${minimum} to ${maximum}; got ${quote(value)}`);
  };
}
