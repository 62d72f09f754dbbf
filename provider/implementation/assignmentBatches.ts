import type { Capability, SinchConfigurationClient } from '../client';
import type { ApiRounds, AssignmentWindow, EngineTraffic } from './engineTraffic';
import { Gathering, type ReleaseReason, type Waiting } from './gathering';
import { trace } from './trace';

/** One resource's number in an assign call, and how to tell that resource what the call answered. */
interface Share {
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
 * never a straggler's call of its own; and it goes out only while the deployment's calls so far, with its own, stay
 * within 1.1 per number, which leaves the rest for the callbacks' calls and a last round that goes out short.
 */
export const AHEAD_ROUND_CALLS_PER_NUMBER = 1.2;
export const AHEAD_CALLS_PER_NUMBER = 1.1;

/** What assignments need of the read-backs that follow them. */
export interface ReadBacks {
  /** Read-backs wait: a round of assign calls is under way. */
  hold(): void;
  /** The round was answered: the read-backs waiting go out as one list call. */
  resume(reason: ReleaseReason): void;
  /** How long the last list call took to be answered. */
  readonly lastListMs: () => number | undefined;
  /** The list calls this deployment has sent. */
  readonly listsSent: () => number;
  /** A list call is under way: the read-backs it answers end their operations then. */
  readonly listing: () => boolean;
}

/**
 * Assign calls of one deployment: assignments that arrive together go out as one call per application and
 * capability (one call binds its numbers to one application), when the engine's flow says no more can join soon.
 * Those sent together are a round: its read-backs wait until every call of the round is answered, so that they share
 * one list. A round released group by group (a group full at 100 numbers) lasts until its last group is answered.
 */
export class AssignmentBatches {
  private readonly gathering: Gathering<Share>;
  private sending = 0;
  /** The last release left the rest of its round gathering (a group went out full, the others still fill). */
  private roundOpen = false;
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
        this.sending += 1;
        this.roundOpen = reason === 'limit';
        this.readBacks.hold();
        void this.send(shares, reason).finally(() => {
          this.sending -= 1;
          if (this.sending === 0 && !(this.roundOpen && this.gathering.waiting)) this.readBacks.resume('answered');
        });
      },
    );
  }

  /** The rounds at the API, and what sending what waits now would cost. */
  private rounds({ members, groups }: Waiting): ApiRounds {
    const listMs = this.readBacks.lastListMs();
    const calls = groups + 1;
    const spent = this.assignCalls + this.readBacks.listsSent();
    return {
      underWay: this.sending > 0 || this.readBacks.listing(),
      roundTripMs: this.lastAssignMs === undefined || listMs === undefined ? undefined : this.lastAssignMs + listMs,
      affordable:
        calls <= AHEAD_ROUND_CALLS_PER_NUMBER * members &&
        spent + calls <= AHEAD_CALLS_PER_NUMBER * (this.numbersSent + members),
    };
  }

  /** Assigns the number, with others bound for the same application and capability when `together`. */
  assign(number: string, capability: Capability, applicationKey: string, together: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const share = { number, capability, applicationKey, resolve, reject };
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
      const seen = numbers.length > 1 ? new SharedAssignmentFailed(error, numbers.length) : error;
      for (const share of shares) share.reject(seen);
    }
  }
}
