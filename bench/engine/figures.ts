/** What the engine benchmark measures: one line per N, and the run around them. */
import type { StartFigures } from '../pluginStart';
import type { HeldFigures } from './held';
import type { CpuSeconds } from './protocol';
import type { CallsByRoute } from './world';

export type { CallsByRoute };

/** The two ways into the one implementation: dynamic resources in a TypeScript program, the native plugin. */
export type FrontEnd = 'dynamic' | 'plugin';
export const FRONT_ENDS: readonly FrontEnd[] = ['dynamic', 'plugin'];

/** One run of one step. */
export interface RunFigures {
  /** API requests per route, as the simulator counted them during the step. */
  calls: CallsByRoute;
  /** Wall time of the operation (the Automation API call; for the plugin, the CLI process), in seconds. */
  seconds: number;
  /**
   * The same operation on as many do-nothing resources, at the same parallelism, right after: resources of a
   * do-nothing dynamic provider, or for the plugin, of the do-nothing plugin (bench/floorPlugin).
   */
  floorSeconds: number;
  /**
   * CPU seconds of the inline program and of the engine's processes, for the step and for its floor. For the plugin,
   * `program` is 0: the YAML program runs in the language host, one of the engine's processes.
   */
  cpu: { provider: CpuSeconds; floor: CpuSeconds };
  /**
   * The same operation through the benchmark's naive provider (naive.ts), on a stack of the same declarations against
   * a simulator of its own, right after the floor: the dynamic front end only.
   */
  naive?: { calls: CallsByRoute; seconds: number; cpu: CpuSeconds };
  /** Where the provider held the engine's operations, from its trace: runs with `--trace` only. */
  held?: HeldFigures;
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
  /** The naive provider's step, when every run measured it; its ratio is to the same floor, run by run. */
  naive?: NaiveFigures;
}

/** The naive provider's figures of one step over the runs. */
export interface NaiveFigures {
  /** API calls of the run with the median count, per route. */
  calls: CallsByRoute;
  totalCalls: Spread;
  seconds: Spread;
  ratio: Spread;
}

export interface WideFigures {
  parallel: number;
  up: StepFigures;
  refresh: StepFigures;
  destroy: StepFigures;
}

/** The steps of one front end at one size. */
export interface LifecycleFigures {
  up: StepFigures;
  preview: StepFigures;
  refresh: StepFigures;
  destroy: StepFigures;
  wide: WideFigures;
}

/** The dynamic resources' figures, and the size of what they store per resource. */
export interface DynamicFigures extends LifecycleFigures {
  /** Bytes of the `__provider` string of a NumberAssignment in the exported state (the largest, if they differ). */
  providerBytesPerResource: number;
  /** The same of the floor's do-nothing resource: both are a require of a module by name. */
  floorProviderBytesPerResource: number;
  /** The same of the naive provider's resources (the largest of its two kinds); absent in runs before it. */
  naiveProviderBytesPerResource?: number;
}

/**
 * The native plugin `pulumi-resource-sinch`: the same declarations as a generated Pulumi YAML program, run through
 * the plain CLI; its floor, as many `nothing:index:Nothing` resources of the do-nothing plugin with the same names
 * and properties.
 */
export interface PluginFigures extends LifecycleFigures {
  /** Resources of the floor's program (as many as the Sinch program declares). */
  floorResources: number;
}

/**
 * One line of `npm run bench`, in the shape issue 9 gives: the dynamic resources' figures at the top level (absent
 * when the run left that front end out, `--front-ends plugin`), and the plugin's under `plugin` (absent when left out).
 */
export interface EngineFigures extends Partial<DynamicFigures> {
  /** Bindings (NumberAssignments); the stack also has one ApplicationCallbacks per application. */
  n: number;
  plugin?: PluginFigures;
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
  /** The front ends measured, in the order each run ran them; absent in runs before the plugin: dynamic only. */
  frontEnds?: FrontEnd[];
  /** The machine's 1-minute load average, sampled every 5 seconds of the run: other work on it skews the seconds. */
  loadAverage: { mean: number; max: number };
  results: EngineFigures[];
  /** The plugin's start to its port line, today's and archived (bench/pluginStart.ts); absent without the plugin. */
  pluginStart?: StartFigures;
}

/** The dynamic resources' figures of a size, if the run measured them. */
export function dynamicOf(result: EngineFigures): DynamicFigures | undefined {
  const { up, preview, refresh, destroy, wide } = result;
  if (!up || !preview || !refresh || !destroy || !wide) return undefined;
  return {
    up,
    preview,
    refresh,
    destroy,
    wide,
    providerBytesPerResource: result.providerBytesPerResource ?? 0,
    floorProviderBytesPerResource: result.floorProviderBytesPerResource ?? 0,
    ...(result.naiveProviderBytesPerResource === undefined
      ? {}
      : { naiveProviderBytesPerResource: result.naiveProviderBytesPerResource }),
  };
}

/** A size's figures per front end, in the order of FRONT_ENDS, those the run measured only. */
export function frontEndsOf(result: EngineFigures): Array<{ frontEnd: FrontEnd; figures: LifecycleFigures }> {
  const dynamic = dynamicOf(result);
  return [
    ...(dynamic ? [{ frontEnd: 'dynamic' as const, figures: dynamic }] : []),
    ...(result.plugin ? [{ frontEnd: 'plugin' as const, figures: result.plugin }] : []),
  ];
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

/** Calls, seconds and the ratio to the floor over the runs, of measurements each paired with its run's floor. */
function measured(runs: Array<{ calls: CallsByRoute; seconds: number; floorSeconds: number }>): NaiveFigures {
  const totals = runs.map((run) => totalCalls(run.calls));
  const medianTotal = spread(totals).median;
  const closest = runs.reduce((best, run) =>
    Math.abs(totalCalls(run.calls) - medianTotal) < Math.abs(totalCalls(best.calls) - medianTotal) ? run : best,
  );
  return {
    calls: closest.calls,
    totalCalls: spread(totals),
    seconds: spread(runs.map((run) => run.seconds)),
    ratio: spread(runs.map((run) => (run.floorSeconds > 0 ? run.seconds / run.floorSeconds : Number.NaN))),
  };
}

/** A step's figures over its runs. */
export function stepFigures(runs: RunFigures[]): StepFigures {
  const naive = runs.flatMap(({ naive, floorSeconds }) => (naive ? [{ ...naive, floorSeconds }] : []));
  return {
    runs,
    ...measured(runs),
    floorSeconds: spread(runs.map((run) => run.floorSeconds)),
    ...(runs.length > 0 && naive.length === runs.length ? { naive: measured(naive) } : {}),
  };
}
