/**
 * How any text that leaves the provider shows a value someone gave: a check failure, a configuration failure, an
 * argument error of the client, an error of the plugin. One helper for every path, so that each shows at most
 * ECHO_LIMIT characters, escapes what a terminal or a log viewer would act on or hide, and never shows the
 * application secret.
 */

/** How much of a bad value a reason repeats: enough to recognize it, never its whole size. */
export const ECHO_LIMIT = 60;

/** What a reason shows in place of a value that is, holds or is part of the application secret. */
export const SECRET_MARK = '[secret]';

/** A value as a reason shows it. */
export type Quote = (value: unknown) => string;

/**
 * Characters that JSON leaves as they are but a terminal or log viewer would act on or hide: DEL and the C1
 * controls, format characters (zero-width, bidirectional, the byte order mark, tags), line and paragraph
 * separators, spaces other than the ASCII one, private-use and unpaired surrogate code units, and every character
 * Unicode says to draw as nothing (fillers, joiners, variation selectors).
 */
const INVISIBLE =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\p{Default_Ignorable_Code_Point}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufff9-\ufffb]/gu;

/** True when the text holds a control or an invisible character (ASCII space aside). */
export const hasInvisible = (text: string): boolean => new RegExp(INVISIBLE.source, 'u').test(text);

/** The text with every character of INVISIBLE written as its escape, so that it shows and does nothing. */
export const escapeInvisible = (text: string): string =>
  text.replace(INVISIBLE, (character) => {
    const code = character.codePointAt(0) as number;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });

/** The secrets worth looking for: a very short one would match by chance and hide harmless text. */
const usable = (secrets: readonly (string | undefined)[]): string[] =>
  secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4);

/** A part of the secret at least this long is taken for the secret itself. */
const SECRET_PART = 8;
/** Longer texts are compared as they are, without folding look-alikes first: folding costs time in proportion. */
const FOLD_LIMIT = 100_000;

/** The text as a comparison with the secret sees it: full-width and other compatibility forms folded, any case. */
const folded = (text: string): string => (text.length > FOLD_LIMIT ? text : text.normalize('NFKC')).toLowerCase();

/**
 * True when the text is, holds or is a long part of one of the secrets, in any case and in look-alike forms: a
 * secret pasted into the application key is lowercased on its way, and a full-width one is read as ASCII.
 */
export function revealsSecret(text: string, secrets: readonly (string | undefined)[]): boolean {
  const seen = folded(text);
  return usable(secrets).some((secret) => {
    const foldedSecret = folded(secret);
    return seen.includes(foldedSecret) || (seen.length >= SECRET_PART && foldedSecret.includes(seen));
  });
}

/** A secret longer than this (none that Sinch issues) is cut where it appears exactly: a regular expression of it would be too large. */
const CASELESS_LIMIT = 1024;

const escapedForRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every occurrence of the secrets, in any case, replaced by the mark: the last guard on a message. */
export function cutSecrets(text: string, secrets: readonly (string | undefined)[], mark = SECRET_MARK): string {
  return usable(secrets)
    .sort((a, b) => b.length - a.length)
    .reduce(
      (cut, secret) =>
        secret.length > CASELESS_LIMIT
          ? cut.split(secret).join(mark)
          : cut.replace(new RegExp(escapedForRegExp(secret), 'gi'), mark),
      text,
    );
}

/** One character as a reason shows it: JSON's escapes, and ours for what JSON leaves invisible. */
const shownCharacter = (character: string): string => escapeInvisible(JSON.stringify(character).slice(1, -1));

/** A text, quoted, showing at most ECHO_LIMIT characters once escaped; a longer one says how long it is. */
function shownText(text: string): string {
  let shown = '';
  let taken = 0;
  for (const character of text) {
    const piece = shownCharacter(character);
    if (shown.length + piece.length > ECHO_LIMIT) break;
    shown += piece;
    taken += character.length;
  }
  return taken < text.length ? `"${shown}…" (${text.length} characters)` : `"${shown}"`;
}

/** The reason for a value that holds the application secret: anywhere but its own setting it would leak. */
export const HOLDS_SECRET =
  'holds the application secret ([secret]), which belongs in sinch:applicationSecret alone: anywhere else it would be shown, sent or stored in plain text';

/**
 * A quote that never shows these secrets: a string is shown capped and escaped, or as `[secret]` when it holds
 * one; anything else by its type.
 */
export function quoting(secrets: readonly (string | undefined)[] = []): Quote {
  return (value) => {
    switch (typeof value) {
      case 'string': {
        return revealsSecret(value, secrets) ? SECRET_MARK : shownText(value);
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
  };
}

/** A quote for values that cannot hold a secret, or where none is known. */
export const describeValue: Quote = quoting();

/** Any reason to be shown, made safe whatever built it: secrets cut, invisible characters escaped, length capped. */
export function safeText(text: string, secrets: readonly (string | undefined)[], limit = 1000): string {
  const safe = escapeInvisible(cutSecrets(text, secrets));
  return safe.length > limit ? `${safe.slice(0, limit)}…` : safe;
}

/**
 * Whether the engine may print the value itself. Beside a check failure that names a property, the engine prints
 * that property's value whole and unescaped; a failure for a value that is long, holds a control or invisible
 * character, holds the secret or a URL's user and password, or is an object or a list, names its property in the
 * reason alone, so that the engine prints the reason and not the value.
 */
export function safeToEcho(value: unknown, secrets: readonly (string | undefined)[]): boolean {
  if (typeof value !== 'string') return value === null || ['number', 'boolean', 'undefined'].includes(typeof value);
  return (
    value.length <= ECHO_LIMIT &&
    !hasInvisible(value) &&
    !revealsSecret(value, secrets) &&
    // A user and password in a URL: a credential, which a reason never shows either.
    !/:\/\/[^/?#]*@/.test(value)
  );
}
