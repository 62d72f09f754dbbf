import type { Capability, SinchConfigurationClient } from '../client';
import type { AssignmentWindow, EngineTraffic } from './engineTraffic';
import { Gathering, type ReleaseReason } from './gathering';
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
 * Assign calls of one deployment: assignments that arrive together go out as one call per application and
 * capability (one call binds its numbers to one application), when the engine's flow says no more can join soon.
 * The read-backs that follow them wait while any is still to go out or under way, so that they share one list.
 */
export class AssignmentBatches {
  private readonly gathering: Gathering<Share>;
  private sending = 0;

  constructor(
    private readonly client: SinchConfigurationClient,
    window: AssignmentWindow,
    traffic: EngineTraffic,
    private readonly readBacks: Pick<Gathering<unknown>, 'hold' | 'resume'>,
  ) {
    this.gathering = new Gathering(
      window,
      () => traffic.assignmentVerdict(window),
      (shares, reason) => {
        this.sending += 1;
        void this.send(shares, reason).finally(() => {
          this.sending -= 1;
          if (this.sending === 0 && !this.gathering.waiting) this.readBacks.resume('answered');
        });
      },
    );
  }

  /** Assigns the number, with others bound for the same application and capability when `together`. */
  assign(number: string, capability: Capability, applicationKey: string, together: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const share = { number, capability, applicationKey, resolve, reject };
      if (!together) return void this.send([share], 'alone');
      this.readBacks.hold();
      this.gathering.add(share, `${applicationKey} ${capability}`);
    });
  }

  /** Never rejects: each share learns the outcome. */
  private async send(shares: Share[], reason: ReleaseReason): Promise<void> {
    const { applicationKey, capability } = shares[0] as Share;
    const numbers = [...new Set(shares.map((share) => share.number))];
    trace('assign sent', { applicationKey, capability, numbers: numbers.length, reason });
    try {
      await this.client.assignNumbers({ numbers, applicationKey, capability });
      trace('assign answered', { applicationKey, capability, numbers: numbers.length });
      for (const share of shares) share.resolve();
    } catch (error) {
      const seen = numbers.length > 1 ? new SharedAssignmentFailed(error, numbers.length) : error;
      for (const share of shares) share.reject(seen);
    }
  }
}
