import { availableParallelism } from 'node:os';
import {
  ANNOUNCED_IN_LOOP,
  announcesWrite,
  PARALLEL_VARIABLE,
  RECENT_GAPS,
  STALL_GAPS,
  WORKERS_PER_CPU,
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

  constructor(private readonly defaultRoom = WORKERS_PER_CPU * availableParallelism()) {
    const configured = Number(process.env[PARALLEL_VARIABLE]);
    this.roomKnown = Number.isInteger(configured) && configured > 0;
    this.room = this.roomKnown ? configured : defaultRoom;
  }

  /** A check or diff said that a write of an assignment (a create or an update) will follow. */
  announce(): void {
    this.announced += 1;
    this.widen(this.active + this.gap() - ANNOUNCED_IN_LOOP);
  }

  /** Runs one provider operation; `announced` when it is a write that was announced. */
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
   * Whether the assignments gathered so far go out: at once when the engine cannot send more before an operation
   * ends; after a quiet time when nothing announced is missing; and while announced ones are on their way, when
   * they have arrived or the engine has gone silent.
   */
  assignmentVerdict(window: AssignmentWindow): Verdict {
    const quiet = Date.now() - this.lastArrival;
    const gap = this.gap();
    if (gap === 0) return afterQuiet(quiet, window.quietMs, window.quietMs, 'quiet');
    if (gap > ANNOUNCED_IN_LOOP || this.active < this.room)
      return afterQuiet(quiet, window.patienceMs, window.quietMs, 'patience');
    if (this.roomKnown) return { release: 'blocked' };
    const verdict = afterQuiet(quiet, this.stallAfter(window), window.quietMs, 'stalled');
    // Silent although it announced more: the engine has no room beyond what runs now.
    if ('release' in verdict) [this.room, this.roomKnown] = [Math.max(1, this.active), true];
    return verdict;
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
 * under way, and the announced write of a kind whose writes gather (its registration's `gathersWrites`) is one of them.
 */
export async function observeTraffic<M extends ResourceMethod>(
  traffic: EngineTraffic,
  assigning: boolean,
  method: M,
  request: RequestOf<M>,
  serve: () => Promise<ResponseOf<M>>,
): Promise<ResponseOf<M>> {
  if (method !== 'check' && method !== 'diff')
    return traffic.track(assigning && (method === 'create' || method === 'update'), serve);
  const answer = await serve();
  if (assigning && announcesWrite(method, request, answer)) traffic.announce();
  return answer;
}
