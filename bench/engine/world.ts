/**
 * The Sinch project a run works against: a simulator with a few applications and N voice numbers, the program that
 * binds the numbers round-robin to the applications and sets each application's callbacks, and what the simulator's
 * admin surface says about the traffic and the state.
 */
import { randomBytes } from 'node:crypto';
import { startSimulator, type RunningSimulator, type SimulatedApplication } from '../../simulator';
import type { SinchProgram, StackConfig } from './protocol';

/** The largest N: numbers are +1415555XXXX, all valid for libphonenumber. */
export const MAX_BINDINGS = 10_000;

/** `"METHOD /path"` (path parameters as `{key}` and `{number}`) → requests, as the simulator counts them. */
export type CallsByRoute = Record<string, number>;

interface SimulatorState {
  bindings: Record<string, string>;
  callbacks: Record<string, { primary?: string; fallback?: string }>;
}

export class SinchWorld {
  private constructor(
    private readonly simulator: RunningSimulator,
    private readonly applications: SimulatedApplication[],
    readonly program: SinchProgram,
    private readonly latencyMs: number,
  ) {}

  /** A simulator holding `applicationCount` applications and `bindings` voice numbers, every answer `latencyMs` late. */
  static start(bindings: number, applicationCount: number, latencyMs: number): Promise<SinchWorld> {
    // Secrets made up for this run only; they are never printed.
    const applications = Array.from({ length: applicationCount }, (_, index) => ({
      key: `0b5e4c11-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      secret: randomBytes(24).toString('base64'),
    }));
    return SinchWorld.startWith(applications, bindings, latencyMs);
  }

  /**
   * A second simulator of the same applications (keys and secrets), numbers, latency and program: for another
   * provider's stack of the same declarations, whose state and traffic are then its own.
   */
  twin(): Promise<SinchWorld> {
    return SinchWorld.startWith(this.applications, this.program.bindings.length, this.latencyMs);
  }

  private static async startWith(
    applications: SimulatedApplication[],
    bindings: number,
    latencyMs: number,
  ): Promise<SinchWorld> {
    const numbers = Array.from({ length: bindings }, (_, index) => `+1415555${String(index).padStart(4, '0')}`);
    const simulator = await startSimulator({
      applications,
      numbers: numbers.map((number) => ({ number, capabilities: ['voice'] })),
      chaos: { latencyMs },
    });
    const program: SinchProgram = {
      kind: 'sinch',
      bindings: numbers.map((number, index) => ({
        name: `number-${index}`,
        number,
        applicationKey: (applications[index % applications.length] as SimulatedApplication).key,
      })),
      callbacks: applications.map(({ key }, index) => ({
        name: `callbacks-${index}`,
        applicationKey: key,
        primary: `https://voice.example.com/bench/app-${index}`,
      })),
    };
    return new SinchWorld(simulator, applications, program, latencyMs);
  }

  /** How many resources the program declares. */
  get resourceCount(): number {
    return this.program.bindings.length + this.program.callbacks.length;
  }

  /** The provider's settings as stack configuration: signed requests as the first application, to this simulator. */
  credentials(): StackConfig {
    const [signer] = this.applications as [SimulatedApplication];
    return {
      'sinch:applicationKey': { value: signer.key },
      'sinch:applicationSecret': { value: signer.secret, secret: true },
      'sinch:baseUrl': { value: this.simulator.url },
      'sinch:auth': { value: 'signed' },
    };
  }

  /** Clears the request log and the counters (`DELETE /_sim/requests`). */
  async clearTraffic(): Promise<void> {
    await this.admin('DELETE', 'requests');
  }

  /**
   * The API requests since the last clear, per route, and a word on those answered with an error, if any: with no
   * faults injected there should be none, and a figure that includes refused requests must say so.
   */
  async traffic(): Promise<{ calls: CallsByRoute; refused?: string }> {
    const { counters } = await this.admin<{ counters: CallsByRoute }>('GET', 'counters');
    const { requests } = await this.admin<{ requests: Array<{ route: string; status: number; errorCode?: number }> }>(
      'GET',
      'requests',
    );
    const refused = requests.filter((request) => request.status >= 400);
    const calls = Object.fromEntries(Object.entries(counters).sort(([a], [b]) => a.localeCompare(b)));
    if (refused.length === 0) return { calls };
    const first = refused[0] as (typeof refused)[0];
    return {
      calls,
      refused: `${refused.length} API requests were answered with an error, the first ${first.route} with ${first.status} (${first.errorCode ?? 'no code'})`,
    };
  }

  /** Fails unless the simulator holds exactly the program's bindings and callbacks (`declared`) or none of them. */
  async expectState(expected: 'declared' | 'empty'): Promise<void> {
    const { bindings, callbacks } = await this.admin<SimulatorState>('GET', 'state');
    const wanted = expected === 'declared' ? this.program : { bindings: [], callbacks: [] };
    const wantedBindings = Object.fromEntries(
      wanted.bindings.map(({ number, applicationKey }) => [`${number}/voice`, applicationKey]),
    );
    const wantedCallbacks = Object.fromEntries(
      wanted.callbacks.map(({ applicationKey, primary }) => [applicationKey, { primary }]),
    );
    const liveCallbacks = Object.fromEntries(
      Object.entries(callbacks).filter(([, urls]) => Object.keys(urls).length > 0),
    );
    const problems = [
      ...differences('binding', wantedBindings, bindings),
      ...differences('callbacks of', wantedCallbacks, liveCallbacks),
    ];
    if (problems.length > 0)
      throw new Error(
        `the simulator does not hold the ${expected} state: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`,
      );
  }

  close(): Promise<void> {
    return this.simulator.close();
  }

  private async admin<T = unknown>(method: string, path: string): Promise<T> {
    const response = await fetch(`${this.simulator.url}/_sim/${path}`, { method });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`simulator ${method} /_sim/${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}

function differences(what: string, wanted: Record<string, unknown>, live: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(wanted), ...Object.keys(live)])];
  return keys
    .filter((key) => JSON.stringify(wanted[key]) !== JSON.stringify(live[key]))
    .map(
      (key) =>
        `${what} ${key}: wanted ${JSON.stringify(wanted[key]) ?? 'none'}, found ${JSON.stringify(live[key]) ?? 'none'}`,
    );
}
