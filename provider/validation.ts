import { checkApplicationKey, checkCapability, checkNumber, problemOf } from './client/arguments';

export {
  checkApplicationKey,
  checkBoolean,
  checkCallbackUrl,
  checkCapability,
  checkNumber,
  describeValue,
  MAX_CALLBACK_URL_LENGTH,
  problemOf,
  type Checked,
} from './client/arguments';

/** Pulumi's marker for a value not known until apply; such inputs are checked when they become known. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** A reason the value is not an E.164 number, or undefined when it is one. */
export const e164Problem = (value: unknown): string | undefined => problemOf(checkNumber(value));

export const capabilityProblem = (value: unknown): string | undefined => problemOf(checkCapability(value));

/** Undefined means neither the input nor the configuration gives a key. */
export function applicationKeyProblem(value: unknown): string | undefined {
  if (value === undefined || value === '')
    return 'is not set: give applicationKey, or configure sinch:applicationKey (or SINCH_APPLICATION_KEY)';
  return problemOf(checkApplicationKey(value));
}
