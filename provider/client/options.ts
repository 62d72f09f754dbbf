import { describeValue, isLoopbackHost } from './arguments';
import { DEFAULT_RETRY_BUDGET, type RetryBudget } from './retryPolicy';
import { isBase64Secret } from './signing';
import { AUTH_SCHEMES, type SinchConfigurationClientOptions } from './types';

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

/** Refuses options that cannot work, naming the option and never repeating the secret. */
export function validateOptions(options: SinchConfigurationClientOptions, auth: string): void {
  if (!options.applicationKey) throw new TypeError('SinchConfigurationClient: applicationKey is required');
  if (!options.applicationSecret) throw new TypeError('SinchConfigurationClient: applicationSecret is required');
  if (!(AUTH_SCHEMES as readonly string[]).includes(auth)) {
    throw new TypeError(`SinchConfigurationClient: auth must be one of ${AUTH_SCHEMES.join(', ')}; got "${auth}"`);
  }
  if (auth === 'signed' && !isBase64Secret(options.applicationSecret)) {
    throw new TypeError(
      'SinchConfigurationClient: applicationSecret must be the base64 value shown in the Sinch dashboard for signed requests (it is not valid base64)',
    );
  }
  for (const name of BUDGET_OPTIONS) {
    const value: unknown = options[name];
    // A timeout of 0 would mean "none" to axios: refused, so that every attempt ends.
    const least = name === 'timeoutMs' || name === 'operationTimeoutMs' ? 1 : 0;
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= least)) {
      throw new TypeError(
        `SinchConfigurationClient: ${name} must be a number of ${least} or more; got ${describeValue(value)}`,
      );
    }
  }
  if (options.baseUrl !== undefined) validateBaseUrl(options.baseUrl);
}

/** Plain http is refused off this machine: the credentials would cross the network in clear text. */
function validateBaseUrl(baseUrl: string): void {
  let url: URL | undefined;
  try {
    url = /^https?:\/\/[^/]/i.test(baseUrl) ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url)
    throw new TypeError(
      `SinchConfigurationClient: baseUrl must be an absolute http(s) URL; got "${baseUrl.slice(0, 100)}"`,
    );
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `SinchConfigurationClient: baseUrl must use https: "${baseUrl.slice(0, 100)}" would send the credentials across the network in clear text ` +
        '(plain http is allowed only for localhost, 127.0.0.0/8 and [::1], such as the simulator)',
    );
  }
}
