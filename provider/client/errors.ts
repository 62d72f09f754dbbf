import type { WireError } from './wire';

/** Names of the client's operations, as they appear in errors. */
export type OperationName =
  | 'listNumbers'
  | 'assignNumbers'
  | 'unassignNumber'
  | 'getCallbacks'
  | 'updateCallbacks'
  | 'queryNumber';

/**
 * A non-2xx answer from the Sinch API. It carries what Sinch said and never the request's headers,
 * so it is safe to log and to show in a Pulumi diagnostic.
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

  constructor(operation: OperationName, status: number, body: WireError | undefined) {
    const errorCode = body?.errorCode === undefined ? undefined : Number(body.errorCode);
    const sinchMessage = typeof body?.message === 'string' ? body.message : '';
    const code = errorCode === undefined || Number.isNaN(errorCode) ? '' : ` (errorCode ${errorCode})`;
    const reference = typeof body?.reference === 'string' ? body.reference : undefined;
    super(
      `Sinch ${operation} failed with HTTP ${status}${code}: ${sinchMessage || 'no message'}` +
        (reference ? ` [reference ${reference}]` : ''),
    );
    this.status = status;
    this.errorCode = errorCode === undefined || Number.isNaN(errorCode) ? undefined : errorCode;
    this.sinchMessage = sinchMessage;
    this.reference = reference;
    this.operation = operation;
  }
}

/** No answer at all: the connection failed or timed out. Carries no request headers either. */
export class SinchConnectionError extends Error {
  override readonly name = 'SinchConnectionError';
  readonly operation: OperationName;
  /** The Node or axios error code, such as ECONNREFUSED or ECONNABORTED. */
  readonly code: string | undefined;

  constructor(operation: OperationName, baseUrl: string, code: string | undefined, reason: string) {
    super(`Sinch ${operation} failed: no answer from ${baseUrl} (${code ?? 'unknown error'}: ${reason})`);
    this.operation = operation;
    this.code = code;
  }
}
