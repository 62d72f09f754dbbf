/** What the engine benchmark measures: one line per N, and the run around them. */
import type { CpuSeconds } from './protocol';
import type { CallsByRoute } from './world';

export type { CallsByRoute };

/** One run of one step. */
export interface RunFigures {
  /** API requests per route, as the simulator counted them during the step. */
  calls: CallsByRoute;
  /** Wall time of the operation (the Automation API call), in seconds. */
  seconds: number;
  /** The same operation on as many do-nothing dynamic resources, at the same parallelism, right after. */
  floorSeconds: number;
  /** CPU seconds of the inline program and of the engine's processes, for the step and for its floor. */
  cpu: { provider: CpuSeconds; floor: CpuSeconds };
}

/** The least, the median and the largest of a figure over the runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** One step over the benchmark's repeated runs: each run, and the spread of each figure. */
export interface StepFigures {
  runs: RunFigures[];
  /** API calls of the run with the median count, per route. */
  calls: CallsByRoute;
  totalCalls: Spread;
  seconds: Spread;
  floorSeconds: Spread;
  /** seconds / floorSeconds, run by run (each run's step and its floor ran one after the other). */
  ratio: Spread;
}

export interface WideFigures {
  parallel: number;
  up: StepFigures;
  refresh: StepFigures;
  destroy: StepFigures;
}

/** One line of `npm run bench`, in the shape issue 9 gives. */
export interface EngineFigures {
  /** Bindings (NumberAssignments); the stack also has one ApplicationCallbacks per application. */
  n: number;
  /** Bytes of the `__provider` string of a NumberAssignment in the exported state (the largest, if they differ). */
  providerBytesPerResource: number;
  /** The same of the floor's do-nothing resource: both are a require of a module by name. */
  floorProviderBytesPerResource: number;
  up: StepFigures;
  preview: StepFigures;
  refresh: StepFigures;
  destroy: StepFigures;
  wide: WideFigures;
}

/** `bench/results/engine.json`. */
export interface EngineRun {
  startedAt: string;
  /** The whole run, packing and installing included. */
  durationSeconds: number;
  node: string;
  pulumi: string;
  /** Hardware threads; the CLI's default parallelism is 4 × this (Pulumi's `defaultParallel`). */
  cpus: number;
  defaultParallel: number;
  latencyMs: number;
  applications: number;
  /** How many times each size's lifecycle ran. */
  runs: number;
  /** The machine's 1-minute load average, sampled every 5 seconds of the run: other work on it skews the seconds. */
  loadAverage: { mean: number; max: number };
  results: EngineFigures[];
}

export const totalCalls = (calls: CallsByRoute): number => Object.values(calls).reduce((sum, count) => sum + count, 0);

/** The median (the mean of the middle two for an even count), and the extremes. */
export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted.at(-1) as number };
}

/** A step's figures over its runs. */
export function stepFigures(runs: RunFigures[]): StepFigures {
  const totals = runs.map((run) => totalCalls(run.calls));
  const medianTotal = spread(totals).median;
  const closest = runs.reduce((best, run) =>
    Math.abs(totalCalls(run.calls) - medianTotal) < Math.abs(totalCalls(best.calls) - medianTotal) ? run : best,
  );
  return {
    runs,
    calls: closest.calls,
    totalCalls: spread(totals),
    seconds: spread(runs.map((run) => run.seconds)),
    floorSeconds: spread(runs.map((run) => run.floorSeconds)),
    ratio: spread(runs.map((run) => (run.floorSeconds > 0 ? run.seconds / run.floorSeconds : Number.NaN))),
  };
}
