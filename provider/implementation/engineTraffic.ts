import { availableParallelism } from 'node:os';
import type { ResourceKind } from '../registry';
import type { ResourceMethod } from './methods';
import type { RequestOf, ResponseOf } from './requests';

/**
 * What the engine's flow says about assignments still to come:
 * - `none`: every announced create has arrived; more can come only from resources not checked yet;
 * - `coming`: the engine has handed an announced create to a worker, which is writing its checkpoint: it will arrive;
 * - `blocked`: the engine runs as many operations as it can, and the one it announced waits for one of them to end;
 * - `unsure`: one announced create has not arrived, and this process cannot tell yet whether the engine has room.
 */
export type Outlook = 'none' | 'coming' | 'blocked' | 'unsure';

/** How many recent gaps between arrivals the stall bound is measured on. */
const RECENT_GAPS = 16;

/**
 * What this process can tell about the engine's flow of operations. The engine handles the program's registrations
 * one at a time in one loop: it checks a resource (so a check without a state announces a create), then hands the
 * create to a free worker of `--parallel` (4 per CPU by default), and waits there while none is free. A worker first
 * writes a checkpoint of the state, one at a time with the other workers, and only then sends the create. So, with
 * `gap` announced creates that have not arrived: gap ≥ 2 means at least one of them is with a worker and will arrive
 * (at most one waits in the loop); gap 1 means the one may be waiting for a free worker; and the engine has at least
 * `active + gap - 1` workers.
 */
export class EngineTraffic {
  private announced = 0;
  private arrived = 0;
  private active = 0;
  private lastArrival = 0;
  private readonly gaps: number[] = [];
  /** How many operations the engine has had at once, at least: the CLI's default until this process sees more. */
  private room: number;
  /**
   * Whether `room` is all the engine has. The CLI's default is only a guess (`--parallel` may be higher), so the first
   * time gap 1 meets a full room, assignments wait for the engine to show more or to stall, once per room size.
   */
  private roomKnown: boolean;

  constructor(private readonly defaultParallelism = 4 * availableParallelism()) {
    const configured = Number(process.env.PULUMI_PARALLEL);
    this.roomKnown = Number.isInteger(configured) && configured > 0;
    this.room = this.roomKnown ? configured : defaultParallelism;
  }

  /** A check or diff said that an assigning operation (a create or an update) will follow. */
  announce(): void {
    this.announced += 1;
    this.widen(this.active + this.gap() - 1);
  }

  /** Runs one provider operation; `assigning` when it is one that was announced. */
  async track<T>(assigning: boolean, operation: () => Promise<T>): Promise<T> {
    const now = Date.now();
    if (assigning) {
      if (this.arrived > 0) this.gaps.push(now - this.lastArrival);
      if (this.gaps.length > RECENT_GAPS) this.gaps.shift();
      this.arrived += 1;
    }
    this.active += 1;
    this.lastArrival = now;
    this.widen(this.active);
    try {
      return await operation();
    } finally {
      this.active -= 1;
    }
  }

  /** Announced assignments that have not arrived. */
  private gap(): number {
    return Math.max(0, this.announced - this.arrived);
  }

  /** The engine had `seen` operations under way or with a worker at once: its room is at least that. */
  private widen(seen: number): void {
    if (seen <= this.room) return;
    this.room = seen;
    // More than the room thought known: the deployment runs wider, and its room is a guess again.
    this.roomKnown = false;
  }

  outlook(): Outlook {
    const gap = this.gap();
    if (gap === 0) return 'none';
    if (gap >= 2 || this.active < this.room) return 'coming';
    return this.roomKnown ? 'blocked' : 'unsure';
  }

  /** Milliseconds since the last operation arrived. */
  quietFor(): number {
    return Date.now() - this.lastArrival;
  }

  /**
   * How long silence must last, when the outlook is unsure, before it counts as a stall. At the CLI's default room:
   * `base`, or three times the longest recent gap between arrivals when the engine is slower than that (a loaded
   * machine, a large state), so that a slow checkpoint is not taken for a full room; never more than `most`. Past the
   * default, `--parallel` was given, most often at least the number of resources, so that the engine is seldom out of
   * room: `most`, which a deployment pays at most once (the room is then known) and which keeps the last create of a
   * wide up from being left to a call of its own.
   */
  stallAfter(base: number, most: number): number {
    if (this.room > this.defaultParallelism) return most;
    return Math.min(most, Math.max(base, 3 * Math.max(0, ...this.gaps)));
  }

  /** The engine stopped sending although it announced more: it has no room beyond what runs now. */
  stalled(): void {
    this.room = Math.max(1, this.active);
    this.roomKnown = true;
  }
}

/**
 * Runs one request of a front end while `traffic` watches: a check of a NumberAssignment without a state (a create
 * follows in an up) or a diff that found changes (an update follows) announces an assignment; creates,
 * reads, updates and deletes count as operations under way, and a NumberAssignment's create or update as an
 * announced one arriving.
 */
export async function observeTraffic<M extends ResourceMethod>(
  traffic: EngineTraffic,
  kind: ResourceKind,
  method: M,
  request: RequestOf<M>,
  serve: () => Promise<ResponseOf<M>>,
): Promise<ResponseOf<M>> {
  if (method === 'check' || method === 'diff') {
    const answer = await serve();
    if (kind === 'NumberAssignment' && announcesAssignment(method, request, answer)) traffic.announce();
    return answer;
  }
  return traffic.track(kind === 'NumberAssignment' && (method === 'create' || method === 'update'), serve);
}

/**
 * A check without a state that passed (the engine creates what it checked; one that failed stops there), or a diff
 * with changes and no replacement (an update follows). A replacement is announced by the check of its new inputs,
 * which the engine makes without a state before it creates the replacement.
 */
function announcesAssignment(method: 'check' | 'diff', request: unknown, answer: unknown): boolean {
  if (method === 'check') {
    const failures = (answer as ResponseOf<'check'> | undefined)?.failures ?? [];
    return Object.keys((request as RequestOf<'check'>).olds ?? {}).length === 0 && failures.length === 0;
  }
  const diff = answer as ResponseOf<'diff'> | undefined;
  return diff?.changes === true && (diff.replaces ?? []).length === 0;
}
