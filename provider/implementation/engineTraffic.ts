import { availableParallelism } from 'node:os';
import type { ResourceKind, ResourceMethod } from './kinds';
import type { RequestOf, ResponseOf } from './requests';

/**
 * What this process can tell about the engine's flow of operations. The engine checks every resource of the program
 * first and then runs their creates and updates at most `--parallel` at a time (4 per CPU by default), each after a
 * checkpoint of the state; so creates arrive at the checkpoints' pace, and the checks say how many are still to come.
 * Assignments wait for their companions only while more are announced and the engine has room to send them.
 */
export class EngineTraffic {
  private announced = 0;
  private arrived = 0;
  private active = 0;
  private lastArrival = 0;
  /** How many operations the engine runs at once: the CLI's default until this process sees more, or learns fewer. */
  private room: number;
  /**
   * Whether `room` is known. The CLI's default is only a guess (`--parallel` may be higher), so the first time the
   * default is reached, assignments wait for the engine to show more or to stall, once per deployment.
   */
  private roomKnown: boolean;

  constructor(defaultParallelism = 4 * availableParallelism()) {
    const configured = Number(process.env.PULUMI_PARALLEL);
    this.roomKnown = Number.isInteger(configured) && configured > 0;
    this.room = this.roomKnown ? configured : defaultParallelism;
  }

  /** A check or diff said that an assigning operation (a create or an update) will follow. */
  announce(): void {
    this.announced += 1;
  }

  /** Runs one provider operation; `assigning` when it is one that was announced. */
  async track<T>(assigning: boolean, operation: () => Promise<T>): Promise<T> {
    if (assigning) this.arrived += 1;
    this.active += 1;
    this.lastArrival = Date.now();
    // More at once than the default: the deployment runs with a higher --parallel.
    if (this.active > this.room) {
      this.room = Number.POSITIVE_INFINITY;
      this.roomKnown = true;
    }
    try {
      return await operation();
    } finally {
      this.active -= 1;
    }
  }

  /** Announced assignments have not all arrived, and the engine has room to send them. */
  moreComing(): boolean {
    return this.announced > this.arrived && (this.active < this.room || !this.roomKnown);
  }

  /** Milliseconds since the last operation arrived. */
  quietFor(): number {
    return Date.now() - this.lastArrival;
  }

  /** The engine stopped sending although it announced more: it has no room beyond what runs now. */
  stalled(): void {
    this.room = Math.max(1, this.active);
    this.roomKnown = true;
  }
}

/**
 * Runs one request of a front end while `traffic` watches: a check of a NumberAssignment without a state (a create
 * follows in an up) or a diff that found changes (an update or a replace follows) announces an assignment; creates,
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

function announcesAssignment(method: 'check' | 'diff', request: unknown, answer: unknown): boolean {
  if (method === 'check') return Object.keys((request as RequestOf<'check'>).olds ?? {}).length === 0;
  return (answer as ResponseOf<'diff'> | undefined)?.changes === true;
}
