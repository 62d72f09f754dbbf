import type { Capability, SinchConfigurationClient } from '../client';
import { Gathering, type GatherWindow } from './gathering';

/** One resource's number in a shared assign call, and how to tell that resource what the call answered. */
interface Share {
  number: string;
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
    super(`the assign call that carried ${numbers} numbers failed: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = 'SharedAssignmentFailed';
  }
}

/**
 * Assignments that arrive together for the same application and capability go out as one assign call of up to 100
 * numbers. Different applications or capabilities are never merged: one call binds its numbers to one application.
 */
export class AssignmentBatches {
  private readonly gatherings = new Map<string, Gathering<Share>>();

  constructor(
    private readonly client: SinchConfigurationClient,
    private readonly window: GatherWindow,
  ) {}

  assign(number: string, capability: Capability, applicationKey: string): Promise<void> {
    const target = `${applicationKey} ${capability}`;
    let gathering = this.gatherings.get(target);
    if (!gathering) {
      gathering = new Gathering<Share>(this.window, (shares) => void this.send(applicationKey, capability, shares));
      this.gatherings.set(target, gathering);
    }
    const joined = gathering;
    return new Promise((resolve, reject) => joined.add({ number, resolve, reject }));
  }

  private async send(applicationKey: string, capability: Capability, shares: Share[]): Promise<void> {
    const numbers = [...new Set(shares.map((share) => share.number))];
    try {
      await this.client.assignNumbers({ numbers, applicationKey, capability });
      for (const share of shares) share.resolve();
    } catch (error) {
      const seen = numbers.length > 1 ? new SharedAssignmentFailed(error, numbers.length) : error;
      for (const share of shares) share.reject(seen);
    }
  }
}
