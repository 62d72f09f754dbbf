import {
  ANNOUNCED_IN_LOOP,
  announcesWrite,
  defaultParallel,
  PARALLEL_VARIABLE,
  RECENT_GAPS,
  STALL_GAPS,
} from './engineAssumptions';
import { afterQuiet, type GatherBounds, type Verdict } from './gathering';
import type { ResourceMethod } from './methods';
import type { RequestOf, ResponseOf } from './requests';

/** How long assignments wait for company, by what the engine's flow says about more to come. */
export interface AssignmentWindow extends GatherBounds {
  /** Nothing announced is missing: the quiet a lone assignment waits. */
  quietMs: number;
  /** A lone announced create meets a full room whose size is a guess: the silence taken as a stall, at least. */
  stalledMs: number;
  /** Announced creates are with the engine's workers: the longest silence waited for them. */
  patienceMs: number;
}

/** The assignments' rounds at the API, as the engine's flow needs to know them. */
export interface ApiRounds {
  /** A round is at the API: the operations it holds end when it is answered, and the engine sends more then. */
  underWay: boolean;
  /** How long a round spends at the API (its assign calls, then its read-back), once one has been seen. */
  roundTripMs?: number;
  /** Whether sending what waits now keeps to the calls per number a round sent early may cost. */
  affordable: boolean;
}

/**
 * What this process can tell about the engine's flow of operations (see engineAssumptions.ts). With `gap` announced
 * writes not arrived, more than ANNOUNCED_IN_LOOP means one is with a worker and will arrive, and the engine has at
 * least `active + gap - ANNOUNCED_IN_LOOP` workers.
 */
export class EngineTraffic {
  private announced = 0;
  private arrived = 0;
  private active = 0;
  private lastArrival = 0;
  private readonly gaps: number[] = [];
  /** Operations the engine has had at once, at least: the CLI's default until this process sees more. */
  private room: number;
  /** The default may be too small (`--parallel`): a lone announced write meeting it waits to learn the room once. */
  private roomKnown: boolean;

  constructor(private readonly defaultRoom = defaultParallel()) {
    const configured = Number(process.env[PARALLEL_VARIABLE]);
    this.roomKnown = Number.isInteger(configured) && configured > 0;
    this.room = this.roomKnown ? configured : defaultRoom;
  }

  /** A check or diff said that a write (a create or an update) will follow. */
  announce(): void {
    this.announced += 1;
    this.widen(this.active + this.gap() - ANNOUNCED_IN_LOOP);
  }

  /** Runs one provider operation; `announced` for a write (a create or an update), which a check or diff announced. */
  async track<T>(announced: boolean, operation: () => Promise<T>): Promise<T> {
    const now = Date.now();
    if (announced) {
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

  /**
   * Whether the assignments gathered so far go out: after a quiet time when nothing announced is missing; ahead of
   * the last announced ones when the engine's checkpoints are slow enough to overlap the round (`overlaps`) and no
   * other round is at the API; while announced ones are on their way, when they have arrived or the engine has gone
   * silent; and at once when the engine cannot send more before an operation ends, unless a round at the API is
   * about to end some.
   */
  assignmentVerdict(window: AssignmentWindow, rounds: ApiRounds): Verdict {
    const quiet = Date.now() - this.lastArrival;
    const gap = this.gap();
    if (gap === 0) return afterQuiet(quiet, window.quietMs, window.quietMs, 'quiet');
    if (
      !rounds.underWay &&
      rounds.affordable &&
      rounds.roundTripMs !== undefined &&
      this.overlaps(rounds.roundTripMs, gap)
    )
      return { release: 'ahead' };
    if (gap > ANNOUNCED_IN_LOOP || this.active < this.room)
      return afterQuiet(quiet, window.patienceMs, window.quietMs, 'patience');
    // Every worker is held, but a round at the API frees some when it is answered: the engine sends more then.
    if (rounds.underWay) return { lookAgainInMs: window.quietMs };
    if (this.roomKnown) return { release: 'blocked' };
    const verdict = afterQuiet(quiet, this.stallAfter(window), window.quietMs, 'stalled');
    // Silent although it announced more: the engine has no room beyond what runs now.
    if ('release' in verdict) [this.room, this.roomKnown] = [Math.max(1, this.active), true];
    return verdict;
  }

  /**
   * Whether a round sent now overlaps the engine's work instead of stopping it. While the engine's workers are all
   * held it does nothing, so a round sent when the last of them arrives costs the deployment its whole round trip.
   * Sent while `remaining` creates are still on their way (each a checkpoint after the other), the engine writes
   * their checkpoints meanwhile: the round goes out once waiting for one more arrival would leave less work than the
   * round trip. Smaller rounds are more rounds, so this pays only when a full room's arrivals take longer than a round
   * trip (a state of some size, whose checkpoints are slow); before that, rounds wait for the full room.
   * Only in a room known to be no wider than the CLI's default: at `--parallel N` one call per application is the
   * budget, and a room still being learned says nothing about what is on its way.
   */
  private overlaps(roundTripMs: number, gap: number): boolean {
    if (!this.roomKnown || this.room > this.defaultRoom) return false;
    const pace = this.pace();
    const remaining = Math.min(gap, this.room - this.active);
    return this.room * pace > roundTripMs && remaining >= 1 && (remaining - 1) * pace < roundTripMs;
  }

  /** The engine's recent time between arrivals: the median, which the longer gaps between rounds do not move. */
  private pace(): number {
    if (this.gaps.length === 0) return 0;
    const sorted = [...this.gaps].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  }

  /** Announced writes that have not arrived. */
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

  /**
   * At the CLI's default room: `stalledMs`, or STALL_GAPS times the longest recent gap when the engine is slower
   * (a loaded machine, a large state), never more than `patienceMs`. Past the default, `--parallel` was given, most
   * often at least the number of resources, so the engine is seldom out of room: `patienceMs`, paid at most once
   * (the room is then known), which keeps the last create of a wide up from being left to a call of its own.
   */
  private stallAfter({ stalledMs, patienceMs }: AssignmentWindow): number {
    if (this.room > this.defaultRoom) return patienceMs;
    return Math.min(patienceMs, Math.max(stalledMs, STALL_GAPS * Math.max(0, ...this.gaps)));
  }
}

/**
 * Runs one request of a front end while `traffic` watches: every create, read, update and delete is an operation
 * under way, and a write that a check or diff announced is one of them. Writes of every kind count, those that never
 * share a call too: each holds one of the engine's workers, and while the engine's loop waits to hand one to a
 * worker, the assignments behind it in the program are still to come. `announced` hears of each announced write too.
 */
export async function observeTraffic<M extends ResourceMethod>(
  traffic: EngineTraffic,
  method: M,
  request: RequestOf<M>,
  serve: () => Promise<ResponseOf<M>>,
  announced: () => void = () => undefined,
): Promise<ResponseOf<M>> {
  if (method !== 'check' && method !== 'diff') return traffic.track(method === 'create' || method === 'update', serve);
  const answer = await serve();
  if (announcesWrite(method, request, answer)) {
    traffic.announce();
    announced();
  }
  return answer;
}
