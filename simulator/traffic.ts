import { boundedText } from './boundedText';
import type { FaultKind } from './chaos';
import { apiErrors, SimulatedApiError } from './errors';

export interface LoggedRequest {
  at: string;
  method: string;
  path: string;
  /** `METHOD /pattern`, or `METHOD (unknown)`. */
  route: string;
  status: number;
  errorCode?: number;
  /** The authenticated application, when authentication succeeded. */
  caller?: string;
  scheme?: string;
  /** The fault injected into this request, if any (one-shot faults show as `injected`). */
  fault?: FaultKind | 'injected';
}

export interface Fault {
  /** `METHOD /pattern` to match, or every API route when absent. */
  route?: string;
  /** An error status (400 to 599), or 0 for a delay only; absent for a lost write. */
  status?: number;
  /** Accepted but not applied: the next writes (POST, DELETE) are checked as usual, answered as a success, and dropped. */
  lostWrite?: boolean;
  /** How many requests it answers; 1 when absent. */
  count?: number;
  /** Delay before answering, to exercise client timeouts; the fault then answers normally when status is 0. */
  delayMs?: number;
}

/** Entries the log keeps; older ones go first. */
export const LOG_LIMIT = 10_000;
/**
 * Request text (the path, the Authorization scheme) is kept this long in the log, so that hostile requests cannot
 * make one entry, the log or `GET /_sim/requests` grow with what they send.
 */
export const LOGGED_TEXT_LIMIT = 256;

/** The request log, per-route counters and injected faults: the test-facing view of API traffic. */
export class Traffic {
  private log: LoggedRequest[] = [];
  private counters: Record<string, number> = {};
  private faultCounters: Partial<Record<FaultKind | 'injected', number>> = {};
  private faults: Array<Required<Pick<Fault, 'count'>> & Fault> = [];

  record(entry: LoggedRequest): void {
    const scheme = entry.scheme === undefined ? {} : { scheme: boundedText(entry.scheme, LOGGED_TEXT_LIMIT) };
    this.log.push({ ...entry, path: boundedText(entry.path, LOGGED_TEXT_LIMIT), ...scheme });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.counters[entry.route] = (this.counters[entry.route] ?? 0) + 1;
    if (entry.fault) this.faultCounters[entry.fault] = (this.faultCounters[entry.fault] ?? 0) + 1;
  }

  requests(): LoggedRequest[] {
    return [...this.log];
  }

  counts(): Record<string, number> {
    return { ...this.counters };
  }

  /** How many requests each kind of fault was injected into. */
  faultCounts(): Partial<Record<FaultKind | 'injected', number>> {
    return { ...this.faultCounters };
  }

  clear(): void {
    this.log = [];
    this.counters = {};
    this.faultCounters = {};
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, count: fault.count ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Takes one use of the first fault that matches the route; a lost write matches writes only. */
  takeFault(
    route: string,
    write: boolean,
  ): { delayMs: number; error?: SimulatedApiError; lostWrite: boolean } | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.count > 0 && (!candidate.route || candidate.route === route) && (write || !candidate.lostWrite),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((candidate) => candidate.count > 0);
    return {
      delayMs: fault.delayMs ?? 0,
      error: fault.status ? errorForStatus(fault.status) : undefined,
      lostWrite: fault.lostWrite === true,
    };
  }
}

/** Why a one-shot fault is not acceptable, naming the field; undefined when it is. */
export function faultProblem(fault: Record<string, unknown>): string | undefined {
  const { status, count, delayms: delayMs, route, kind } = fault;
  if (kind !== undefined && kind !== 'error' && kind !== 'lost-write')
    return 'kind must be "error" (the default) or "lost-write"';
  if (kind === 'lost-write') {
    if (status !== undefined || delayMs !== undefined)
      return 'a lost-write fault takes no status and no delayMs: it is answered as a success';
    if (typeof route === 'string' && route.startsWith('GET '))
      return 'route of a lost-write fault must be a write (POST or DELETE): a read has nothing to lose';
  } else if (
    typeof status !== 'number' ||
    !(status === 0 || (Number.isInteger(status) && status >= 400 && status <= 599))
  ) {
    return 'status must be 0 (a delay only) or a whole number from 400 to 599';
  }
  if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1))
    return 'count must be a whole number, 1 or more';
  if (
    delayMs !== undefined &&
    (typeof delayMs !== 'number' || !Number.isInteger(delayMs) || delayMs < 0 || delayMs > 600_000)
  ) {
    return 'delayMs must be a whole number of milliseconds from 0 to 600000';
  }
  if (route !== undefined && typeof route !== 'string')
    return 'route must be a string such as "GET /v1/configuration/numbers"';
  return undefined;
}

function errorForStatus(status: number): SimulatedApiError {
  switch (status) {
    case 429:
      return apiErrors.capacityExceeded();
    case 503:
      return apiErrors.temporarilyDown();
    case 500:
      return apiErrors.internal();
    default:
      return new SimulatedApiError(status, status * 100, 'InjectedFault', `Injected fault ${status}`);
  }
}
