/** Our side of the wire: camelCase types for the Sinch Voice configuration API. */

/** What a number is used for. The DID must support the capability it is bound with. */
export type Capability = 'voice' | 'sms';

export const CAPABILITIES: readonly Capability[] = ['voice', 'sms'];

/** How requests are authenticated: the HMAC-signed "Application" scheme, or HTTP Basic. */
export type AuthScheme = 'signed' | 'basic';

export const AUTH_SCHEMES: readonly AuthScheme[] = ['signed', 'basic'];

/** One entry of "list numbers": a number, the capability, and the application it is bound to (absent when unbound). */
export interface NumberBinding {
  number: string;
  applicationKey?: string;
  capability: Capability;
}

export interface AssignNumbersRequest {
  /** E.164 numbers; more than 100 are sent in several calls. */
  numbers: readonly string[];
  /** The application to bind to; the calling application when omitted. */
  applicationKey?: string;
  capability?: Capability;
}

export interface UnassignNumberRequest {
  number: string;
  /** The application the number is bound to; the calling application when omitted. */
  applicationKey?: string;
  capability?: Capability;
}

/**
 * An application's callback URLs. On update, an omitted field is not sent; an empty string is sent as is,
 * which is how a URL is cleared (see docs/client.md, "Callbacks on the wire").
 */
export interface CallbackUrls {
  primary?: string;
  fallback?: string;
}

export type NumberType = 'Unknown' | 'Fixed' | 'Mobile' | 'Other';

export interface Price {
  currencyId: string | null;
  amount: number;
}

/** The answer of "query number". */
export interface NumberInformation {
  countryId: string;
  numberType: NumberType;
  normalizedNumber: string;
  restricted: boolean;
  rate?: Price;
}

export interface SinchConfigurationClientOptions {
  applicationKey: string;
  /** For `signed`, the base64 secret exactly as the Sinch dashboard shows it. */
  applicationSecret: string;
  /** Defaults to https://callingapi.sinch.com. */
  baseUrl?: string;
  /** Defaults to `signed`. */
  auth?: AuthScheme;
  /** One attempt, in milliseconds; never longer than what is left of `operationTimeoutMs`. Defaults to 10000. */
  timeoutMs?: number;
  /**
   * Retries after a transient failure (408, 429, 500, 502, 503, 504, a timeout or a lost connection); defaults to 8.
   * An unassign, which is not idempotent, is retried only when the request surely was not processed.
   */
  maxRetries?: number;
  /** The first backoff, in milliseconds, doubled for each next retry with jitter; defaults to 250. */
  retryDelayMs?: number;
  /** The longest backoff between two attempts, in milliseconds; defaults to 8000. */
  maxRetryDelayMs?: number;
  /** The longest wait a `Retry-After` header may impose, in milliseconds (a longer one is shortened); defaults to 30000. */
  maxRetryAfterMs?: number;
  /**
   * The whole operation, in milliseconds, retries and waits included: no retry starts past it, and no attempt
   * outlives it; defaults to 60000.
   */
  operationTimeoutMs?: number;
}
