/** Why requests that waited for company went out, as traces name it. */
export type ReleaseReason =
  | 'limit' // a group holds as many as one call takes
  | 'max' // the first of them has waited as long as any may
  | 'quiet' // nothing joined for the quiet time, and the engine announced nothing more
  | 'patience' // the engine announced more, but none arrived for as long as announced ones are waited for
  | 'blocked' // the engine can send nothing more before one of its operations ends
  | 'stalled' // the engine was silent for longer than its recent pace: taken to be out of room
  | 'ahead' // the engine's work still to come is shorter than the calls: sent now, so that the two overlap
  | 'answered' // the assign calls that read-backs waited for were answered: theirs have all joined
  | 'alone'; // a write retried by itself, so that a refusal is its own: it never waited

/** Out now for a reason, or looked at again later. */
export type Verdict = { release: ReleaseReason } | { lookAgainInMs: number };

/** What waits in a gathering: how many members, in how many groups (one call each). */
export interface Gathered {
  members: number;
  groups: number;
}

export interface GatherBounds {
  /** The longest any member waits, however busy it is. */
  maxMs: number;
  /** A group goes out at once with this many. */
  limit: number;
}

/** Out for `reason` once `quietForMs` reaches `neededMs`; until then looked at every `stepMs` at most. */
export function afterQuiet(quietForMs: number, neededMs: number, stepMs: number, reason: ReleaseReason): Verdict {
  return quietForMs >= neededMs ? { release: reason } : { lookAgainInMs: Math.min(stepMs, neededMs - quietForMs) };
}

/**
 * Requests that arrive close together, handed over as one per group. The engine sends a deployment's operations a
 * few at a time, so whether more are coming is decided afresh (`decide`) each time one joins and whenever the last
 * verdict said to look again; a member held back (`hold`) waits for `resume`, and none waits past `maxMs`.
 */
export class Gathering<Member> {
  private readonly groups = new Map<string, Member[]>();
  private lastJoined = 0;
  private held = false;
  private resumedFor: ReleaseReason | undefined;
  private lookTimer: NodeJS.Timeout | undefined;
  private maxTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bounds: GatherBounds,
    /** Given how long since the last member joined, and what is waiting. */
    private readonly decide: (quietForMs: number, gathered: Gathered) => Verdict,
    private readonly handOver: (members: Member[], reason: ReleaseReason) => void,
  ) {}

  /** Members are waiting. */
  get waiting(): boolean {
    return this.groups.size > 0;
  }

  /** Resumed members go out on the next turn. */
  get resuming(): boolean {
    return this.resumedFor !== undefined && this.waiting;
  }

  add(member: Member, group = ''): void {
    const members = this.groups.get(group) ?? [];
    this.groups.set(group, members);
    members.push(member);
    this.lastJoined = Date.now();
    if (members.length >= this.bounds.limit) this.release('limit', [group]);
    if (!this.waiting) return;
    this.maxTimer ??= setTimeout(() => this.release('max'), this.bounds.maxMs);
    // On the next turn of the event loop, once the members that arrived with this one have joined too.
    this.lookIn(0);
  }

  /** Members wait, whatever `decide` says, until `resume`. */
  hold(): void {
    this.held = true;
  }

  /**
   * What held the members has ended: they go out for `reason` on the next turn of the event loop, with those that
   * the same event is about to add, even if something holds the gathering again meanwhile (which holds those that
   * join after them).
   */
  resume(reason: ReleaseReason): void {
    this.held = false;
    this.resumedFor = reason;
    this.lookIn(0);
  }

  private lookIn(milliseconds: number): void {
    clearTimeout(this.lookTimer);
    this.lookTimer = setTimeout(() => this.look(), milliseconds);
  }

  private look(): void {
    const resumedFor = this.resumedFor;
    this.resumedFor = undefined;
    if (!this.waiting || (this.held && !resumedFor)) return;
    const verdict = resumedFor ? { release: resumedFor } : this.decide(Date.now() - this.lastJoined, this.counted());
    if ('release' in verdict) this.release(verdict.release);
    else this.lookIn(verdict.lookAgainInMs);
  }

  private counted(): Gathered {
    let members = 0;
    for (const group of this.groups.values()) members += group.length;
    return { members, groups: this.groups.size };
  }

  private release(reason: ReleaseReason, groups = [...this.groups.keys()]): void {
    for (const group of groups) {
      const members = this.groups.get(group) ?? [];
      this.groups.delete(group);
      if (members.length > 0) this.handOver(members, reason);
    }
    if (this.waiting) return;
    clearTimeout(this.lookTimer);
    clearTimeout(this.maxTimer);
    this.lookTimer = undefined;
    this.maxTimer = undefined;
  }
}
