import type { EngineTraffic } from '../../provider/implementation';

export interface EngineModelOptions {
  /** `--parallel`: how many workers run chains at once. */
  parallel: number;
  /** How long the checkpoint before and after each create takes; checkpoints are written one at a time. */
  checkpointMs: (index: number, moment: 'before' | 'after') => number;
  traffic: EngineTraffic;
  /** The provider's create of resource `index`, as the engine calls it. */
  create: (index: number) => Promise<void>;
}

const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * How the Pulumi engine feeds a provider in an `up` (pkg/resource/deploy, v3.2xx): one loop takes the program's
 * registrations in turn, checks each (a check without a state announces a create), and hands the create to a free
 * worker of `parallel`, waiting there while none is free. A worker writes a checkpoint of the state, sends the create,
 * and writes a checkpoint again when it ends; the snapshot manager writes checkpoints one at a time, for all workers.
 */
export class EngineModel {
  private busy = 0;
  private readonly freed: Array<() => void> = [];
  private checkpoints: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineModelOptions) {}

  /** Runs the creates of `count` resources; resolves when every chain has ended (failures included). */
  async up(count: number): Promise<void> {
    const chains: Array<Promise<void>> = [];
    for (let index = 0; index < count; index += 1) {
      this.options.traffic.announce();
      await this.worker();
      chains.push(this.chain(index));
    }
    await Promise.allSettled(chains);
  }

  private async worker(): Promise<void> {
    if (this.busy >= this.options.parallel) await new Promise<void>((resolve) => this.freed.push(resolve));
    this.busy += 1;
  }

  private checkpoint(index: number, moment: 'before' | 'after'): Promise<void> {
    const written = this.checkpoints.then(() => sleep(this.options.checkpointMs(index, moment)));
    this.checkpoints = written;
    return written;
  }

  private async chain(index: number): Promise<void> {
    try {
      await this.checkpoint(index, 'before');
      await this.options.traffic.track(true, () => this.options.create(index));
    } finally {
      await this.checkpoint(index, 'after');
      this.busy -= 1;
      this.freed.shift()?.();
    }
  }
}
