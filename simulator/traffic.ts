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
}

export interface Fault {
  /** `METHOD /pattern` to match, or every API route when absent. */
  route?: string;
  status: number;
  /** How many requests it answers; 1 when absent. */
  count?: number;
  /** Delay before answering, to exercise client timeouts; the fault then answers normally when status is 0. */
  delayMs?: number;
}

const LOG_LIMIT = 10_000;

/** The request log, per-route counters and injected faults: the test-facing view of API traffic. */
export class Traffic {
  private log: LoggedRequest[] = [];
  private counters: Record<string, number> = {};
  private faults: Array<Required<Pick<Fault, 'count'>> & Fault> = [];

  record(entry: LoggedRequest): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    this.counters[entry.route] = (this.counters[entry.route] ?? 0) + 1;
  }

  requests(): LoggedRequest[] {
    return [...this.log];
  }

  counts(): Record<string, number> {
    return { ...this.counters };
  }

  clear(): void {
    this.log = [];
    this.counters = {};
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault, count: fault.count ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Takes one use of the first fault that matches the route. */
  takeFault(route: string): { delayMs: number; error?: SimulatedApiError } | undefined {
    const fault = this.faults.find((candidate) => candidate.count > 0 && (!candidate.route || candidate.route === route));
    if (!fault) return undefined;
    fault.count -= 1;
    this.faults = this.faults.filter((candidate) => candidate.count > 0);
    return { delayMs: fault.delayMs ?? 0, error: fault.status ? errorForStatus(fault.status) : undefined };
  }
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
