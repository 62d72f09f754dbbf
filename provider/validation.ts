/**
 * What `check` and the functions make of the values a program gives: each input parsed by the parser of its kind
 * (provider/client/arguments.ts, provider/client/urls.ts), the parsed form kept, and a failure naming the property
 * for each refusal, with a reason that never shows the secret.
 */
import { checkApplicationKey } from './client/arguments';
import { refuse, type Checked } from './client/checked';
import { HOLDS_SECRET, quoting, revealsSecret, safeText, safeToEcho, type Quote } from './client/quoting';
import type { CheckFailure } from './implementation/requests';

/** Pulumi's marker for a value not known until apply; such inputs are checked when they become known. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** How one input is parsed: the parser of its kind, and what an absent input means. */
export interface InputParser {
  parse: (value: unknown, quote: Quote) => Checked<unknown>;
  /** The reason when the input is absent; without it, an absent input is parsed like any value. */
  absent?: string;
  /** An absent input is fine. */
  optional?: boolean;
}

/** The application key of a resource, which the configuration's default key fills in when the program gives none. */
export const APPLICATION_KEY_INPUT: InputParser = {
  parse: checkApplicationKey,
  absent: 'is not set: give applicationKey, or configure sinch:applicationKey (or SINCH_APPLICATION_KEY)',
};

/**
 * Each input parsed: the parsed form is what is stored and sent, and each refusal is a failure naming the property.
 * Values not known yet (at preview) pass as they are. Reasons never show the secret. `printedByEngine`: the failures
 * of a resource's check, which the engine prints with the values (see failureOf); a function's are the caller's.
 */
export function parseInputs<T extends object>(
  given: Partial<T>,
  parsers: Readonly<Record<keyof T & string, InputParser>>,
  secret: string | undefined,
  printedByEngine = true,
): { inputs: Partial<T>; failures: CheckFailure[] } {
  const quote = quoting([secret]);
  const inputs: Record<string, unknown> = { ...given };
  const failures: CheckFailure[] = [];
  for (const [property, parser] of Object.entries(parsers) as Array<[string, InputParser]>) {
    const value = inputs[property];
    if (isUnknown(value) || (value === undefined && parser.optional)) continue;
    const checked: Checked<unknown> =
      value === undefined && parser.absent !== undefined
        ? refuse(parser.absent)
        : typeof value === 'string' && revealsSecret(value, [secret])
          ? refuse(HOLDS_SECRET)
          : parser.parse(value, quote);
    if (checked.ok) inputs[property] = checked.value;
    else {
      const reason = safeText(checked.reason, [secret]);
      failures.push(printedByEngine ? failureOf(property, value, reason, [secret]) : { property, reason });
    }
  }
  return { inputs: inputs as Partial<T>, failures };
}

/**
 * An application key in the form Sinch issues it (dashed, lower case), for a key read from a recorded state or an
 * id, which an earlier release may have stored as it was written; anything else is left as it is.
 */
export function issuedForm<T>(applicationKey: T): T {
  if (typeof applicationKey !== 'string' || isUnknown(applicationKey)) return applicationKey;
  const checked = checkApplicationKey(applicationKey);
  return (checked.ok ? checked.value : applicationKey) as T;
}

/**
 * A check failure for a property's value: under the property when the engine may print the value beside it, else
 * with the property (or its `label`, such as `sinch:baseUrl`) at the head of the reason (see safeToEcho).
 */
export function failureOf(
  property: string,
  value: unknown,
  reason: string,
  secrets: readonly (string | undefined)[],
  label: string = property,
): CheckFailure {
  if (safeToEcho(value, secrets)) return { property, reason };
  return { property: '', reason: reason.startsWith(`${label} `) ? reason : `${label} ${reason}` };
}
