import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { CAPABILITIES } from './client/types';

/** Pulumi's marker for a value not known until apply; such inputs are checked when they become known. */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

export const isUnknown = (value: unknown): boolean => value === UNKNOWN;

/** A reason the value is not an E.164 number, or undefined when it is one. */
export function e164Problem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a phone number in E.164 form, such as +12015550100';
  if (/^\+[1-9]\d{1,14}$/.test(value)) {
    const parsed = parsePhoneNumberFromString(value);
    return parsed?.isPossible() ? undefined : `"${value}" is not a possible phone number for its country code`;
  }
  const parsed = parsePhoneNumberFromString(value.startsWith('+') ? value : `+${value}`);
  const suggestion = parsed?.isPossible() ? `; write it as "${parsed.number}"` : '';
  return `"${value}" is not in E.164 form (a + followed by the country code and number, digits only)${suggestion}`;
}

export function capabilityProblem(value: unknown): string | undefined {
  return (CAPABILITIES as readonly unknown[]).includes(value) ? undefined : `must be one of ${CAPABILITIES.join(', ')}; got ${JSON.stringify(value)}`;
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Callback URLs must be absolute http(s); plain http only for loopback hosts (local development and the simulator). */
export function callbackUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be an absolute https URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `"${value}" must use https (got ${url.protocol.replace(/:$/, '')})`;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
    return `"${value}" must use https; plain http is allowed only for localhost and 127.0.0.1`;
  }
  if (url.username || url.password) return 'must not carry credentials (user:password@): they would be stored in plain text in the Pulumi state';
  return undefined;
}

export function applicationKeyProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return 'is not set: give applicationKey, or configure sinch:applicationKey (or SINCH_APPLICATION_KEY)';
  }
  if (value.includes('/') || value !== value.trim()) return `"${value}" is not an application key (no slashes or surrounding spaces)`;
  return undefined;
}
