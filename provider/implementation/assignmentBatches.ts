import type { Capability, SinchConfigurationClient } from '../client';
import type { EngineTraffic } from './engineTraffic';
import { trace } from './trace';

/** When the assignments gathered so far go out. */
export interface AssignmentWindow {
  /** Nothing arrived for this long and no more are coming: a lone assignment waits no longer than this. */
  quietMs: number;
  /**
   * One announced create has not arrived and the room is unsure: silence this long (or longer, when the engine is
   * slower than that: EngineTraffic.stallAfter) means the engine has no room to send it.
   */
  stalledMs: number;
  /** Announced creates are with the engine's workers and will arrive: the longest silence waited for them. */
  patienceMs: number;
  /** The longest any assignment waits. */
  maxMs: number;
  /** Numbers per call: the API takes up to 100. */
  limit: number;
}

/** One resource's number in a shared assign call, and how to tell that resource what the call answered. */
interface Share {
  number: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * What each resource of a shared assign call sees when the call failed. It says nothing about any one number
 * (Sinch refuses a whole call for one bad number, or the answer was lost), so it is not a refusal: each resource
 * reads its binding back and, if its number did not land, sends it alone, where a refusal is its own.
 */
export class SharedAssignmentFailed extends Error {
  constructor(
    readonly failure: unknown,
    numbers: number,
  ) {
    super(
      `the assign call that carried ${numbers} numbers failed: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
    this.name = 'SharedAssignmentFailed';
  }
}

/**
 * Assignments of one deployment wait together and go out as one assign call per application and capability, of up
 * to 100 numbers. Different applications or capabilities are never merged: one call binds its numbers to one
 * application. They go out when no more can join them soon (see EngineTraffic's outlook): at once when the engine
 * cannot send more before one of its operations ends; after a few quiet milliseconds when nothing announced is
 * missing; and while announced creates are still on their way, when they have arrived.
 */
export class AssignmentBatches {
  private readonly waiting = new Map<string, { applicationKey: string; capability: Capability; shares: Share[] }>();
  private quietTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;
  private sending = 0;

  constructor(
    private readonly client: SinchConfigurationClient,
    private readonly window: AssignmentWindow,
    private readonly traffic: EngineTraffic,
    /** Called when the last call under way has been answered and nothing waits: its read-backs can go out. */
    private readonly idle: () => void = () => undefined,
  ) {}

  assign(number: string, capability: Capability, applicationKey: string): Promise<void> {
    const target = `${applicationKey} ${capability}`;
    const batch = this.waiting.get(target) ?? { applicationKey, capability, shares: [] };
    this.waiting.set(target, batch);
    const done = new Promise<void>((resolve, reject) => batch.shares.push({ number, resolve, reject }));
    if (batch.shares.length >= this.window.limit) {
      this.waiting.delete(target);
      void this.send(batch.applicationKey, batch.capability, batch.shares, 'limit');
    }
    // Decided on the next turn of the event loop, once the assignments that arrived with this one have joined too.
    this.listen(0);
    this.maxTimer ??= setTimeout(() => this.sendAll('max'), this.window.maxMs);
    return done;
  }

  /** Assignments are waiting to go out, or their calls are under way. */
  busy(): boolean {
    return this.waiting.size > 0 || this.sending > 0;
  }

  private listen(milliseconds: number): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.consider(), milliseconds);
  }

  /** Sends what waits when no more can join it soon; otherwise looks again when that could have changed. */
  private consider(): void {
    if (this.waiting.size === 0) return;
    const quiet = this.traffic.quietFor();
    const waitUpTo = (milliseconds: number, reason: string, then?: () => void) => {
      if (quiet < milliseconds) return this.listen(Math.min(this.window.quietMs, milliseconds - quiet));
      then?.();
      this.sendAll(reason);
    };
    switch (this.traffic.outlook()) {
      case 'blocked':
        return this.sendAll('blocked');
      case 'none':
        return waitUpTo(this.window.quietMs, 'quiet');
      case 'coming':
        return waitUpTo(this.window.patienceMs, 'patience');
      case 'unsure':
        return waitUpTo(this.traffic.stallAfter(this.window.stalledMs, this.window.patienceMs), 'stalled', () =>
          this.traffic.stalled(),
        );
    }
  }

  private sendAll(reason: string): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
    const batches = [...this.waiting.values()];
    this.waiting.clear();
    for (const batch of batches)
      if (batch.shares.length > 0) void this.send(batch.applicationKey, batch.capability, batch.shares, reason);
  }

  private async send(applicationKey: string, capability: Capability, shares: Share[], reason: string): Promise<void> {
    const numbers = [...new Set(shares.map((share) => share.number))];
    this.sending += 1;
    trace('assign sent', { applicationKey, capability, numbers: numbers.length, reason });
    try {
      await this.client.assignNumbers({ numbers, applicationKey, capability });
      trace('assign answered', { applicationKey, capability, numbers: numbers.length });
      for (const share of shares) share.resolve();
    } catch (error) {
      const seen = numbers.length > 1 ? new SharedAssignmentFailed(error, numbers.length) : error;
      for (const share of shares) share.reject(seen);
    } finally {
      this.sending -= 1;
      if (!this.busy()) this.idle();
    }
  }
}
