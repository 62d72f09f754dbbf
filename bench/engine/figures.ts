/** What the engine benchmark measures: one line per N, and the run around them. */
import type { CallsByRoute } from './world';

export type { CallsByRoute };

export interface StepFigures {
  /** API requests per route, as the simulator counted them during the step. */
  calls: CallsByRoute;
  /** Wall time of the operation (the Automation API call), in seconds. */
  seconds: number;
  /** The same operation on as many do-nothing dynamic resources, at the same parallelism, in the same run. */
  floorSeconds: number;
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
  /** The machine's 1-minute load average, sampled every 5 seconds of the run: other work on it skews the seconds. */
  loadAverage: { mean: number; max: number };
  results: EngineFigures[];
}

export const totalCalls = (calls: CallsByRoute): number => Object.values(calls).reduce((sum, count) => sum + count, 0);
