import type { AxiosError, InternalAxiosRequestConfig } from 'axios';
import type { IAxiosRetryConfig } from 'axios-retry';
import { TRANSIENT_STATUSES } from './errors';

/** How long an operation may keep trying, and how it spaces its attempts. */
export interface RetryBudget {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The first backoff; each next one doubles, up to maxRetryDelayMs, with jitter. */
  retryDelayMs: number;
  maxRetryDelayMs: number;
  /** The longest wait a Retry-After header may impose; a longer one is shortened to this. */
  maxRetryAfterMs: number;
  /** One attempt, from sending to the whole answer; never more than what is left of the operation's deadline. */
  timeoutMs: number;
  /** From the first attempt to the last answer, retries and Retry-After waits included. */
  operationTimeoutMs: number;
}

export const DEFAULT_RETRY_BUDGET: Readonly<RetryBudget> = {
  maxRetries: 8,
  retryDelayMs: 250,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  timeoutMs: 10_000,
  operationTimeoutMs: 60_000,
};

/** How a request is sent: a read, a write that may safely be sent twice, or one that may not. */
export type RequestKind = 'read' | 'idempotent write' | 'write';

/** What one operation carries through its attempts (axios keeps unknown config keys when it retries). */
export interface OperationAttempts {
  /** May the request be sent again after an answer was lost? Only when sending it twice does no harm. */
  idempotent: boolean;
  deadline: number;
  /** Why the retries stopped early, for the final error. */
  gaveUp?: string;
  nextDelayMs?: number;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    sinchAttempts?: OperationAttempts;
  }
}

/** Answers that say the request was surely not processed, so even a write that is not idempotent may go again. */
const NOT_PROCESSED_STATUSES = new Set([429]);
/** Connection errors where the request never reached the server. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
/** Connection errors after which the request may or may not have been processed. */
const CONNECTION_LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_NETWORK',
]);

/** Whether the server may have processed a request that failed this way: a write then needs a read-back. */
export function outcomeUnknown(error: AxiosError): boolean {
  if (error.response) return error.response.status >= 500 || error.response.status === 408;
  return !NOTHING_SENT.has(error.code ?? '');
}

function transient(error: AxiosError, idempotent: boolean): boolean {
  const status = error.response?.status;
  if (status !== undefined) return idempotent ? TRANSIENT_STATUSES.has(status) : NOT_PROCESSED_STATUSES.has(status);
  const code = error.code ?? '';
  return NOTHING_SENT.has(code) || (idempotent && (CONNECTION_LOST.has(code) || code === ''));
}

/** Retry-After in milliseconds, in either of its forms (seconds, or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse reads "1.5" or "3" as years: only a value that names a day or month can be an HTTP date.
  const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const seconds = (milliseconds: number) => `${Math.round(milliseconds / 100) / 10} s`;

type RetryState = InternalAxiosRequestConfig & { 'axios-retry'?: { retryCount?: number } };

/** Why the retries stop here, or undefined to go on after `delay`. */
function pastDeadline(
  budget: RetryBudget,
  asked: number | undefined,
  delay: number,
  remaining: number,
): string | undefined {
  if (delay < remaining) return undefined;
  if (asked === undefined)
    return `the next retry would pass the operation's deadline (${seconds(budget.operationTimeoutMs)})`;
  const capped = asked > delay ? `, shortened to ${seconds(delay)},` : '';
  return `Retry-After ${seconds(asked)}${capped} is past the operation's remaining budget of ${seconds(Math.max(0, remaining))}`;
}

/**
 * axios-retry settings for this budget: transient failures are retried with capped exponential backoff and jitter,
 * Retry-After is honoured up to its cap, and no retry starts that would begin past the operation's deadline.
 */
export function retryConfiguration(budget: RetryBudget): IAxiosRetryConfig {
  return {
    retries: budget.maxRetries,
    // Each attempt gets its own timeout, set in onRetry from what is left of the deadline.
    shouldResetTimeout: true,
    retryCondition: (error) => {
      const attempts = error.config?.sinchAttempts;
      if (!attempts || !transient(error, attempts.idempotent)) return false;
      const retryCount = (error.config as RetryState)['axios-retry']?.retryCount ?? 0;
      // "Equal jitter": at least half the backoff, so the gaps still grow, and clients that failed together spread out.
      const backoff =
        Math.min(budget.maxRetryDelayMs, budget.retryDelayMs * 2 ** retryCount) * (0.5 + Math.random() * 0.5);
      const asked = retryAfterMs(error.response?.headers?.['retry-after']);
      const delay = asked === undefined ? backoff : Math.min(asked, budget.maxRetryAfterMs);
      attempts.gaveUp = pastDeadline(budget, asked, delay, attempts.deadline - Date.now());
      attempts.nextDelayMs = delay;
      return attempts.gaveUp === undefined;
    },
    retryDelay: (_retryCount, error) => error.config?.sinchAttempts?.nextDelayMs ?? budget.retryDelayMs,
    onRetry: (_retryCount, _error, config) => {
      const attempts = config.sinchAttempts;
      if (attempts)
        config.timeout = attemptTimeout(budget, attempts.deadline - Date.now() - (attempts.nextDelayMs ?? 0));
    },
  };
}

/** An attempt never outlives the operation: its timeout is what is left of the deadline when that is shorter. */
export function attemptTimeout(budget: RetryBudget, remainingMs: number): number {
  return Math.max(1, Math.min(budget.timeoutMs, Math.floor(remainingMs)));
}
