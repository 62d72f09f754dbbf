import { trace } from './trace';

/** When a gathering hands over what it collected. */
export interface GatherWindow {
  /** Hand over once nothing new arrived for this long: a lone request waits no longer than this. */
  quietMs: number;
  /** Hand over at the latest this long after the first arrival, however busy it is. */
  maxMs: number;
  /** Hand over at once with this many. */
  limit: number;
}

/**
 * Collects requests that arrive close together and hands them over as one. The engine sends a deployment's
 * operations to the provider a few at a time and not all at once, so "close together" is a short window that
 * stays open while requests keep coming, and never longer than `maxMs`.
 */
export class Gathering<Member> {
  private members: Member[] = [];
  private quietTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;
  /** A kick is due: members that join meanwhile go out with it rather than restart the quiet time. */
  private kicked = false;

  constructor(
    private readonly window: GatherWindow,
    private readonly handOver: (members: Member[]) => void,
    /** While this says so, quiet is not enough: wait on (still never past `maxMs`). */
    private readonly hold: () => boolean = () => false,
  ) {}

  add(member: Member): void {
    this.members.push(member);
    if (this.members.length >= this.window.limit) return this.release('limit');
    if (!this.kicked) {
      clearTimeout(this.quietTimer);
      this.quietTimer = setTimeout(() => this.quiet(), this.window.quietMs);
    }
    this.maxTimer ??= setTimeout(() => this.release('max'), this.window.maxMs);
  }

  /**
   * What held the members back has ended: they go out on the next turn of the event loop, with those that the same
   * event is about to add (a shared call's answer lets each of its resources ask for its read-back).
   */
  kick(): void {
    clearTimeout(this.quietTimer);
    this.kicked = true;
    this.quietTimer = setTimeout(() => {
      this.kicked = false;
      if (this.members.length === 0) return;
      if (this.hold()) this.quiet();
      else this.release('kicked');
    }, 0);
  }

  private quiet(): void {
    if (this.hold()) this.quietTimer = setTimeout(() => this.quiet(), this.window.quietMs);
    else this.release('quiet');
  }

  private release(reason: string): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
    const members = this.members;
    this.members = [];
    if (members.length > 0) {
      trace('gathered', { members: members.length, reason });
      this.handOver(members);
    }
  }
}
