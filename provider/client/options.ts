import { checkApplicationKey, checkApplicationSecret, checkAuthScheme } from './arguments';
import type { Checked } from './checked';
import { hasInvisible, quoting } from './quoting';
import { DEFAULT_RETRY_BUDGET, type RetryBudget } from './retryPolicy';
import type { AuthScheme, SinchConfigurationClientOptions } from './types';
import { checkBaseUrl } from './urls';

/** The options that shape the retry budget; each must be a finite number when given. */
const BUDGET_OPTIONS = [
  'maxRetries',
  'retryDelayMs',
  'maxRetryDelayMs',
  'maxRetryAfterMs',
  'timeoutMs',
  'operationTimeoutMs',
] as const;

/** The budget these options ask for: each option given replaces its default. */
export function retryBudgetOf(options: SinchConfigurationClientOptions): RetryBudget {
  const given = BUDGET_OPTIONS.filter((name) => options[name] !== undefined).map((name) => [name, options[name]]);
  return { ...DEFAULT_RETRY_BUDGET, ...(Object.fromEntries(given) as Partial<RetryBudget>) };
}

/** The options as they are used: the key in the form Sinch issues it, the scheme, the base URL as written. */
export interface ValidOptions {
  applicationKey: string;
  auth: AuthScheme;
  baseUrl: string | undefined;
}

/** Refuses options that cannot work, naming the option and never repeating the secret. */
export function validateOptions(options: SinchConfigurationClientOptions): ValidOptions {
  const quote = quoting([options.applicationSecret]);
  const valid = <T>(name: string, checked: Checked<T>): T => {
    if (!checked.ok) throw new TypeError(`SinchConfigurationClient: ${name} ${checked.reason}`);
    return checked.value;
  };
  if (!options.applicationKey) throw new TypeError('SinchConfigurationClient: applicationKey is required');
  if (!options.applicationSecret) throw new TypeError('SinchConfigurationClient: applicationSecret is required');
  // A key in the form Sinch issues is sent in that form; anything else (an SDK mock server's `my-key-id`) as given,
  // unless it holds what no header may carry.
  const key = checkApplicationKey(options.applicationKey, quote);
  if (!key.ok && (hasInvisible(options.applicationKey) || /\s/.test(options.applicationKey)))
    throw new TypeError(`SinchConfigurationClient: applicationKey ${key.reason}`);
  const applicationKey = key.ok ? key.value : options.applicationKey;
  const auth = valid('auth', checkAuthScheme(options.auth ?? 'signed', quote));
  valid('applicationSecret', checkApplicationSecret(options.applicationSecret, auth));
  for (const name of BUDGET_OPTIONS) {
    const value: unknown = options[name];
    // A timeout of 0 would mean "none" to axios: refused, so that every attempt ends.
    const least = name === 'timeoutMs' || name === 'operationTimeoutMs' ? 1 : 0;
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= least)) {
      throw new TypeError(
        `SinchConfigurationClient: ${name} must be a number of ${least} or more; got ${quote(value)}`,
      );
    }
  }
  const baseUrl = options.baseUrl === undefined ? undefined : valid('baseUrl', checkBaseUrl(options.baseUrl, quote));
  return { applicationKey, auth, baseUrl };
}
