import type { WireError } from './schemas';

/** Names of the client's operations, as they appear in errors. */
export type OperationName =
  'listNumbers' | 'assignNumbers' | 'unassignNumber' | 'getCallbacks' | 'updateCallbacks' | 'queryNumber';

/** How an operation went, besides its last answer. */
export interface AttemptsMade {
  /** Requests sent, retries included. */
  attempts: number;
  /** For a write: the server may have applied it although the answer says otherwise (5xx, lost connection, timeout). */
  outcomeUnknown: boolean;
  /** Why the retries stopped before the budget of retries ran out. */
  gaveUp?: string;
}

const NO_RETRIES: AttemptsMade = { attempts: 1, outcomeUnknown: false };

function attemptsText({ attempts, gaveUp }: AttemptsMade): string {
  const parts = [...(attempts > 1 ? [`after ${attempts} attempts`] : []), ...(gaveUp ? [`gave up: ${gaveUp}`] : [])];
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/**
 * A non-2xx answer from the Sinch API, or a 2xx answer that is not the documented shape. It carries what Sinch
 * said and never the request's headers, so it is safe to log and to show in a Pulumi diagnostic.
 */
export class SinchApiError extends Error {
  override readonly name = 'SinchApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** Sinch's five-digit code (its first three digits are the HTTP status); undefined when the body had none. */
  readonly errorCode: number | undefined;
  /** Sinch's own message, as sent. */
  readonly sinchMessage: string;
  /** Sinch's support reference, when given. */
  readonly reference: string | undefined;
  readonly operation: OperationName;
  readonly attempts: number;
  readonly outcomeUnknown: boolean;

  constructor(
    operation: OperationName,
    status: number,
    body: WireError | undefined,
    made: AttemptsMade = NO_RETRIES,
    note = '',
  ) {
    const errorCode = body?.errorCode === undefined ? undefined : Number(body.errorCode);
    const sinchMessage = typeof body?.message === 'string' ? body.message.slice(0, 500) : '';
    const code = errorCode === undefined || Number.isNaN(errorCode) ? '' : ` (errorCode ${errorCode})`;
    const reference = typeof body?.reference === 'string' ? body.reference.slice(0, 100) : undefined;
    super(
      `Sinch ${operation} failed with HTTP ${status}${code}: ${sinchMessage || 'no message'}` +
        (reference ? ` [reference ${reference}]` : '') +
        note +
        attemptsText(made),
    );
    this.status = status;
    this.errorCode = errorCode === undefined || Number.isNaN(errorCode) ? undefined : errorCode;
    this.sinchMessage = sinchMessage;
    this.reference = reference;
    this.operation = operation;
    this.attempts = made.attempts;
    this.outcomeUnknown = made.outcomeUnknown;
  }

  /** A 2xx answer that is not what the API documents: nothing is read from it. */
  static unexpectedAnswer(
    operation: OperationName,
    status: number,
    problem: string,
    made: AttemptsMade = NO_RETRIES,
  ): SinchApiError {
    return new SinchApiError(
      operation,
      status,
      { message: `the answer is not the documented shape (${problem}); nothing was read from it` },
      made,
    );
  }
}

/** No answer at all: the connection failed or timed out. Carries no request headers either. */
export class SinchConnectionError extends Error {
  override readonly name = 'SinchConnectionError';
  readonly operation: OperationName;
  /** The Node or axios error code, such as ECONNREFUSED or ECONNABORTED. */
  readonly code: string | undefined;
  readonly attempts: number;
  readonly outcomeUnknown: boolean;

  constructor(
    operation: OperationName,
    baseUrl: string,
    code: string | undefined,
    reason: string,
    made: AttemptsMade = NO_RETRIES,
  ) {
    super(
      `Sinch ${operation} failed: no answer from ${baseUrl} (${code ?? 'unknown error'}: ${reason})${attemptsText(made)}`,
    );
    this.operation = operation;
    this.code = code;
    this.attempts = made.attempts;
    this.outcomeUnknown = made.outcomeUnknown;
  }
}

/** An argument the client refuses before any request. */
export class SinchArgumentError extends TypeError {
  override readonly name = 'SinchArgumentError';
}

/*
 * One predicate per class of failure, so that every caller decides alike. Each takes any thrown value.
 */

/** HTTP statuses that say "not now": the same request may succeed when sent again. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Sinch's answers for an application key it does not know: 400/40003 "Invalid Application Key" (its legacy
 * documentation), or 404/40400 "Requested resource not found" for a route that exists (the documentation does not
 * rule it out). A 404 without that code (a proxy's page, a wrong base URL) is not one.
 */
export function isUnknownApplicationAnswer(status: number, errorCode: number | undefined): boolean {
  return (status === 400 && errorCode === 40003) || (status === 404 && errorCode === 40400);
}

/** Sinch does not know the application the request names. */
export function isUnknownApplication(error: unknown): error is SinchApiError {
  return error instanceof SinchApiError && isUnknownApplicationAnswer(error.status, error.errorCode);
}

/** Refused as it stands (a 4xx other than 408 and 429): sending the same request again changes nothing. */
export function isRefusal(error: unknown): error is SinchApiError {
  return (
    error instanceof SinchApiError && error.status >= 400 && error.status < 500 && !TRANSIENT_STATUSES.has(error.status)
  );
}

/** Not now: a 408, 429 or 5xx that ran out of retries, or no answer at all. The same request may succeed later. */
export function isTransient(error: unknown): boolean {
  return (
    (error instanceof SinchApiError && TRANSIENT_STATUSES.has(error.status)) || error instanceof SinchConnectionError
  );
}

/** Sinch refused the credentials: a wrong key or secret, or (signed requests) a clock too far off. */
export function isCredentialRefusal(error: unknown): error is SinchApiError {
  return error instanceof SinchApiError && error.status === 401;
}
