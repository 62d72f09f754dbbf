import { availableParallelism } from 'node:os';

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
