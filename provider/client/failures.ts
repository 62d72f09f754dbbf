import {
  isUnknownApplicationAnswer,
  SinchApiError,
  SinchConnectionError,
  type AttemptsMade,
  type OperationName,
} from './errors';
import { httpLibraries } from './httpLibraries';
import type { Redaction } from './redaction';
import { outcomeUnknown, type RequestKind } from './retryPolicy';
import { answers, type WireError } from './schemas';

/** Requests sent so far for this config: the first one, and each retry axios-retry made. */
export function attemptsOf(config: unknown): number {
  return ((config as { 'axios-retry'?: { retryCount?: number } } | undefined)?.['axios-retry']?.retryCount ?? 0) + 1;
}

/**
 * Our error for an axios failure, built from plain values only: the axios error holds the request's headers, so
 * neither it nor its config, request or response is kept, not even as a cause.
 */
export function translateError(
  operation: OperationName,
  baseUrl: string,
  kind: RequestKind,
  error: unknown,
  redact: Redaction,
  application?: string,
): Error {
  if (!(error instanceof httpLibraries().axios.AxiosError))
    return error instanceof Error ? error : new Error(String(error));
  const made: AttemptsMade = {
    attempts: attemptsOf(error.config),
    outcomeUnknown: kind !== 'read' && outcomeUnknown(error),
    gaveUp: error.config?.sinchAttempts?.gaveUp,
  };
  if (error.response) {
    const { status } = error.response;
    const body = errorBody(error.response.data, (text) => redact(text, error));
    const note =
      status >= 300 && status < 400
        ? ' (redirects are not followed: they would carry the credentials elsewhere)'
        : application !== undefined &&
            isUnknownApplicationAnswer(status, body?.errorCode === undefined ? undefined : Number(body.errorCode))
          ? ` (Sinch does not know application ${application})`
          : '';
    return new SinchApiError(operation, status, body, made, note);
  }
  return new SinchConnectionError(operation, baseUrl, error.code, redact(error.message, error), made);
}

function errorBody(data: unknown, redact: (text: string) => string): WireError | undefined {
  if (typeof data !== 'string' || data === '') return undefined;
  try {
    const parsed = answers().error.safeParse(JSON.parse(data));
    if (parsed.success) {
      const { message, reference } = parsed.data;
      return {
        ...parsed.data,
        message: message === undefined ? undefined : redact(message),
        reference: reference === undefined ? undefined : redact(reference),
      };
    }
  } catch {
    // Not JSON: an HTML page from a proxy, say. Its start says enough.
  }
  return { message: redact(data).slice(0, 200) };
}
