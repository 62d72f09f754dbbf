import type { Capability, SinchConfigurationClient } from '../client';
import type { ApiRounds, AssignmentWindow, EngineTraffic } from './engineTraffic';
import { Gathering, type Gathered, type ReleaseReason } from './gathering';
import { trace } from './trace';

/** One resource's number in an assign call, and how to tell that resource what the call answered. */
interface Share {
  /** The round it goes out in: those sent together, whose read-backs share one list. */
  round: number;
  number: string;
  capability: Capability;
  applicationKey: string;
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
 * What a round sent early (`ahead`) may cost. An `up` may spend 1.2 calls per binding at the CLI's default
 * parallelism: a round sent ahead costs at most that per number (its assign calls and its read-back), so that it is
 * never a straggler's call of its own; and it goes out only while the assign and list calls of the deployment so
 * far, with its own, stay within 1.1 per number sent, which leaves the rest for the callbacks' calls and a last round
 * that goes out short.
 */
const AHEAD_ROUND_CALLS_PER_NUMBER = 1.2;
const AHEAD_CALLS_PER_NUMBER = 1.1;

/** What assignments need of the read-backs that follow them. */
export interface ReadBacks {
  /** Read-backs wait: a round of assign calls is under way. */
  hold(): void;
  /** The round was answered: the read-backs waiting go out as one list call. */
  resume(reason: ReleaseReason): void;
  /** How long the last list call took to be answered. */
  lastListMs(): number | undefined;
  /** The list calls this deployment has sent. */
  listsSent(): number;
  /** Reads wait for a list call or are at the API: the operations they hold end when it is answered. */
  reading(): boolean;
}

/**
 * Assign calls of one deployment: assignments that arrive together go out as one call per application and
 * capability (one call binds its numbers to one application), when the engine's flow says no more can join soon.
 * Those sent together are a round: its read-backs wait until every call of the round is answered, so that they share
 * one list, and never for another round's. A round released group by group (a group full at 100 numbers) takes in
 * what gathers after its full group, until a release that is not of one full group.
 */
export class AssignmentBatches {
  private readonly gathering: Gathering<Share>;
  /** The round that assignments join now. */
  private round = 0;
  /** The last release was of one full group: what gathers next belongs to its round. */
  private roundOpen = false;
  /** Calls of each round not yet answered. */
  private readonly unanswered = new Map<number, number>();
  private lastAssignMs: number | undefined;
  private assignCalls = 0;
  private numbersSent = 0;

  constructor(
    private readonly client: SinchConfigurationClient,
    window: AssignmentWindow,
    traffic: EngineTraffic,
    private readonly readBacks: ReadBacks,
  ) {
    this.gathering = new Gathering(
      window,
      (_quietForMs, waiting) => traffic.assignmentVerdict(window, this.rounds(waiting)),
      (shares, reason) => {
        const { round } = shares[0] as Share;
        this.unanswered.set(round, (this.unanswered.get(round) ?? 0) + 1);
        this.roundOpen = reason === 'limit';
        this.readBacks.hold();
        void this.send(shares, reason).finally(() => this.answered(round));
      },
    );
  }

  /** A call of `round` was answered: the last of them lets the round's read-backs go, unless the round still fills. */
  private answered(round: number): void {
    const left = (this.unanswered.get(round) ?? 1) - 1;
    if (left > 0) return void this.unanswered.set(round, left);
    this.unanswered.delete(round);
    if (!(this.roundOpen && round === this.round && this.gathering.waiting)) this.readBacks.resume('answered');
  }

  /** The rounds at the API, and what sending what waits now would cost. */
  private rounds({ members, groups }: Gathered): ApiRounds {
    const listMs = this.readBacks.lastListMs();
    const calls = groups + 1;
    const spent = this.assignCalls + this.readBacks.listsSent();
    return {
      underWay: this.unanswered.size > 0 || this.readBacks.reading(),
      roundTripMs: this.lastAssignMs === undefined || listMs === undefined ? undefined : this.lastAssignMs + listMs,
      affordable:
        calls <= AHEAD_ROUND_CALLS_PER_NUMBER * members &&
        spent + calls <= AHEAD_CALLS_PER_NUMBER * (this.numbersSent + members),
    };
  }

  /** Assigns the number, with others bound for the same application and capability when `together`. */
  assign(number: string, capability: Capability, applicationKey: string, together: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      // An assignment that finds nothing gathering starts a round, unless the last release was of one full group.
      if (together && !this.gathering.waiting && !this.roundOpen) this.round += 1;
      const share = { round: this.round, number, capability, applicationKey, resolve, reject };
      if (!together) return void this.send([share], 'alone');
      this.gathering.add(share, `${applicationKey} ${capability}`);
    });
  }

  /** Never rejects: each share learns the outcome. */
  private async send(shares: Share[], reason: ReleaseReason): Promise<void> {
    const { applicationKey, capability } = shares[0] as Share;
    const numbers = [...new Set(shares.map((share) => share.number))];
    trace('assign sent', { applicationKey, capability, numbers: numbers.length, reason });
    const sentAt = Date.now();
    this.assignCalls += 1;
    this.numbersSent += numbers.length;
    try {
      await this.client.assignNumbers({ numbers, applicationKey, capability });
      this.lastAssignMs = Date.now() - sentAt;
      trace('assign answered', { applicationKey, capability, numbers: numbers.length });
      for (const share of shares) share.resolve();
    } catch (error) {
      trace('assign failed', { applicationKey, capability, numbers: numbers.length });
      const seen = numbers.length > 1 ? new SharedAssignmentFailed(error, numbers.length) : error;
      for (const share of shares) share.reject(seen);
    }
  }
}
