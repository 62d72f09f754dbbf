/**
 * The lifecycle of one size: `up`, `preview`, `refresh`, `destroy` on a stack at the CLI's default parallelism, then
 * `up`, `refresh`, `destroy` on a new stack at `--parallel N`. Each step runs on the provider's stack, then on a
 * stack of as many do-nothing resources at the same parallelism (the floor), so both see the same machine; for the
 * dynamic front end, then on a stack of the same declarations through the benchmark's naive provider (naive.ts),
 * against a simulator of its own with the same applications and numbers (its twin), whose calls are counted alike.
 *
 * It runs once per front end in each run, against the same simulator: the dynamic resources (a TypeScript program
 * through the Automation API, floor: a do-nothing dynamic provider) and the native plugin (a generated YAML program
 * through the plain CLI, floor: the do-nothing plugin of bench/floorPlugin).
 */
import { join } from 'node:path';
import { FLOOR_MODULE } from './floor';
import { defaultParallel } from '../../provider/implementation/engineAssumptions';
import { APPLICATION_CALLBACKS, NUMBER_ASSIGNMENT, outputNames } from '../../provider/shapes';
import { heldFiguresOf } from './held';
import { NAIVE_CALLBACKS_MODULE, NAIVE_MODULE } from './naive';
import {
  stepFigures,
  totalCalls,
  type EngineFigures,
  type FrontEnd,
  type LifecycleFigures,
  type RunFigures,
  type StepFigures,
} from './figures';
import type { CpuSeconds, DriverOperation, FloorProgram, NaiveProgram, ResourceChanges } from './protocol';
import type { ScratchProject } from './scratch';
import { SinchWorld } from './world';
import { floorYamlProgram, sinchYamlProgram } from './yaml';
import { YamlProject } from './yamlProject';

export interface SizeSettings {
  bindings: number;
  applications: number;
  latencyMs: number;
  /** How many times the whole lifecycle runs; each step reports the spread over them. */
  runs: number;
  /** The front ends to measure, each in turn in each run. */
  frontEnds: readonly FrontEnd[];
  /** A directory for the provider's trace of each step (PULUMI_SINCH_VOICE_TRACE), or none. */
  traceDirectory?: string;
  /** Progress, one line per step (stderr). */
  log: (line: string) => void;
}

/** What the engine summarizes after each step of a stack of `resources` resources (the stack itself is one more). */
export const EXPECTED: Record<DriverOperation, (resources: number) => ResourceChanges> = {
  up: (resources) => ({ create: resources + 1 }),
  preview: (resources) => ({ same: resources + 1 }),
  refresh: (resources) => ({ same: resources + 1 }),
  destroy: (resources) => ({ delete: resources + 1 }),
};

type StepName = 'up' | 'preview' | 'refresh' | 'destroy' | 'wide up' | 'wide refresh' | 'wide destroy';

interface Operated {
  seconds: number;
  changes: ResourceChanges;
  cpu: CpuSeconds;
}

/** How one front end runs a step of the provider's program and of its floor, on stacks named by the lifecycle. */
interface FrontEndSteps {
  frontEnd: FrontEnd;
  /** Resources of the floor's program (the engine's summary counts these, and the stack). */
  floorResources: number;
  provider(stack: string, operation: DriverOperation, parallel?: number, traceFile?: string): Promise<Operated>;
  floor(stack: string, operation: DriverOperation, parallel?: number): Promise<Operated>;
  /** After each `up` and its floor: what the stored state says (the dynamic resources' `__provider`). */
  afterUp?(stack: string): Promise<void>;
  /** The naive provider's step on the stack of the same name, after the floor's, and the simulator it works against. */
  naive?: {
    world: SinchWorld;
    operate(stack: string, operation: DriverOperation, parallel?: number): Promise<Operated>;
  };
}

export async function measureSize(project: ScratchProject, settings: SizeSettings): Promise<EngineFigures> {
  const { bindings: n, log } = settings;
  const world = await SinchWorld.start(n, settings.applications, settings.latencyMs);
  const naiveWorld = settings.frontEnds.includes('dynamic') ? await world.twin() : undefined;
  try {
    const dynamic = naiveWorld ? dynamicSteps(project, world, naiveWorld) : undefined;
    const plugin = settings.frontEnds.includes('plugin') ? pluginSteps(project, world, n) : undefined;
    const frontEnds = [dynamic?.steps, plugin].filter((steps): steps is FrontEndSteps => steps !== undefined);
    const runs = new Map<FrontEnd, Map<StepName, RunFigures[]>>(frontEnds.map((steps) => [steps.frontEnd, new Map()]));

    for (let run = 1; run <= settings.runs; run += 1) {
      for (const steps of frontEnds) {
        await lifecycle(world, steps, runs.get(steps.frontEnd) as Map<StepName, RunFigures[]>, {
          n,
          run,
          runs: settings.runs,
          traceDirectory: settings.traceDirectory,
          log,
        });
      }
    }

    const collected = (frontEnd: FrontEnd): LifecycleFigures => {
      const steps = runs.get(frontEnd) as Map<StepName, RunFigures[]>;
      const figures = (name: StepName): StepFigures => stepFigures(steps.get(name) ?? []);
      return {
        up: figures('up'),
        preview: figures('preview'),
        refresh: figures('refresh'),
        destroy: figures('destroy'),
        wide: {
          parallel: n,
          up: figures('wide up'),
          refresh: figures('wide refresh'),
          destroy: figures('wide destroy'),
        },
      };
    };
    return {
      n,
      ...(dynamic ? { ...dynamic.bytes, ...collected('dynamic') } : {}),
      ...(plugin ? { plugin: { ...collected('plugin'), floorResources: plugin.floorResources } } : {}),
    };
  } finally {
    await Promise.all([world.close(), naiveWorld?.close()]);
  }
}

interface RunSettings {
  n: number;
  run: number;
  runs: number;
  traceDirectory?: string;
  log: (line: string) => void;
}

/** One run of the lifecycle of one front end; each step's figures are added to `runs`. */
async function lifecycle(
  world: SinchWorld,
  steps: FrontEndSteps,
  runs: Map<StepName, RunFigures[]>,
  { n, run, runs: runCount, traceDirectory, log }: RunSettings,
): Promise<void> {
  const prefix = steps.frontEnd === 'plugin' ? 'plugin ' : '';
  const step = async (name: StepName, operation: DriverOperation, stack: string, parallel?: number): Promise<void> => {
    const label = `n=${n} run ${run}/${runCount} ${prefix}${operation}${parallel === undefined ? '' : ` --parallel ${parallel}`}`;
    const trace =
      traceDirectory &&
      join(traceDirectory, `n${n}-run${run}-${prefix.replace(' ', '-')}${name.replace(' ', '-')}.jsonl`);
    await world.clearTraffic();
    const provider = await steps.provider(stack, operation, parallel, trace || undefined);
    expectChanges(label, provider.changes, EXPECTED[operation](world.resourceCount));
    const { calls, refused } = await world.traffic();
    if (refused) log(`${label}: warning: ${refused}`);
    const nothing = await steps.floor(stack, operation, parallel);
    expectChanges(`${label} (floor)`, nothing.changes, EXPECTED[operation](steps.floorResources));
    const naive = steps.naive && (await naiveStep(steps.naive, label, operation, stack, parallel, log));
    const figures: RunFigures = {
      calls,
      seconds: round(provider.seconds),
      floorSeconds: round(nothing.seconds),
      cpu: { provider: provider.cpu, floor: nothing.cpu },
      ...(naive ? { naive } : {}),
      ...(trace ? { held: heldFiguresOf(trace, parallel ?? defaultParallel()) } : {}),
    };
    const times = (value: number) => (value / figures.floorSeconds).toFixed(2);
    log(
      `${label}: ${totalCalls(calls)} API calls, ${figures.seconds} s (floor ${figures.floorSeconds} s, × ${times(figures.seconds)})` +
        (naive ? `; naive ${totalCalls(naive.calls)} API calls, ${naive.seconds} s (× ${times(naive.seconds)})` : ''),
    );
    runs.set(name, [...(runs.get(name) ?? []), figures]);
  };

  const expectState = async (state: 'declared' | 'empty'): Promise<void> => {
    await world.expectState(state);
    await steps.naive?.world.expectState(state).catch((error: unknown) => {
      throw new Error(`naive provider: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  const stack = `n${n}`;
  await step('up', 'up', stack);
  await expectState('declared');
  await steps.afterUp?.(stack);
  await step('preview', 'preview', stack);
  await step('refresh', 'refresh', stack);
  await step('destroy', 'destroy', stack);
  await expectState('empty');

  const wideStack = `n${n}-wide`;
  await step('wide up', 'up', wideStack, n);
  await expectState('declared');
  await step('wide refresh', 'refresh', wideStack, n);
  await step('wide destroy', 'destroy', wideStack, n);
  await expectState('empty');
}

/** The naive provider's step: the same summary expected, its simulator's calls counted from a clear. */
async function naiveStep(
  naive: NonNullable<FrontEndSteps['naive']>,
  label: string,
  operation: DriverOperation,
  stack: string,
  parallel: number | undefined,
  log: (line: string) => void,
): Promise<NonNullable<RunFigures['naive']>> {
  await naive.world.clearTraffic();
  const outcome = await naive.operate(stack, operation, parallel);
  expectChanges(`${label} (naive)`, outcome.changes, EXPECTED[operation](naive.world.resourceCount));
  const { calls, refused } = await naive.world.traffic();
  if (refused) log(`${label} (naive): warning: ${refused}`);
  return { calls, seconds: round(outcome.seconds), cpu: outcome.cpu };
}

/**
 * The dynamic resources, through the driver (Automation API); the floor stack of `<stack>` is `<stack>-floor`, the
 * naive provider's `<stack>-naive`, against `naiveWorld`.
 */
function dynamicSteps(
  project: ScratchProject,
  world: SinchWorld,
  naiveWorld: SinchWorld,
): {
  steps: FrontEndSteps;
  bytes: {
    providerBytesPerResource: number;
    floorProviderBytesPerResource: number;
    naiveProviderBytesPerResource: number;
  };
} {
  const floor: FloorProgram = { kind: 'floor', count: world.resourceCount };
  const config = world.credentials();
  const naive: NaiveProgram = {
    ...naiveWorld.program,
    kind: 'naive',
    registered: { binding: outputNames(NUMBER_ASSIGNMENT), callbacks: outputNames(APPLICATION_CALLBACKS) },
  };
  const naiveConfig = naiveWorld.credentials();
  const bytes = { providerBytesPerResource: 0, floorProviderBytesPerResource: 0, naiveProviderBytesPerResource: 0 };
  const steps: FrontEndSteps = {
    frontEnd: 'dynamic',
    floorResources: floor.count,
    provider: (stackName, operation, parallel, traceFile) =>
      project.operate({ stackName, operation, program: world.program, config, parallel }, traceFile),
    floor: (stackName, operation, parallel) =>
      project.operate({ stackName: `${stackName}-floor`, operation, program: floor, config: {}, parallel }),
    naive: {
      world: naiveWorld,
      operate: (stackName, operation, parallel) =>
        project.operate({ stackName: `${stackName}-naive`, operation, program: naive, config: naiveConfig, parallel }),
    },
    async afterUp(stackName) {
      bytes.providerBytesPerResource = Math.max(
        bytes.providerBytesPerResource,
        providerBytes(await project.exportState(stackName), SINCH_TYPE),
      );
      bytes.floorProviderBytesPerResource = Math.max(
        bytes.floorProviderBytesPerResource,
        providerBytes(await project.exportState(`${stackName}-floor`), FLOOR_TYPE),
      );
      const naiveState = await project.exportState(`${stackName}-naive`);
      bytes.naiveProviderBytesPerResource = Math.max(
        bytes.naiveProviderBytesPerResource,
        providerBytes(naiveState, NAIVE_TYPE),
        providerBytes(naiveState, NAIVE_CALLBACKS_TYPE),
      );
    },
  };
  return { steps, bytes };
}

/**
 * The native plugin: the world's program as a YAML project through `pulumi-resource-sinch` from the installed
 * package, the credentials as stack configuration; the floor, a YAML project of as many Nothings through the
 * do-nothing plugin. Both projects are this size's own, each with stacks of the lifecycle's names.
 */
function pluginSteps(project: ScratchProject, world: SinchWorld, n: number): FrontEndSteps {
  const sinch = YamlProject.write(
    project,
    `plugin-n${n}`,
    sinchYamlProgram(`bench-plugin-n${n}`, world.program, project.sinchPluginDirectory),
  );
  const floor = YamlProject.write(
    project,
    `plugin-n${n}-floor`,
    floorYamlProgram(`bench-plugin-n${n}-floor`, world.program, project.floorPluginDirectory),
  );
  const config = world.credentials();
  return {
    frontEnd: 'plugin',
    floorResources: world.resourceCount,
    async provider(stack, operation, parallel, traceFile) {
      await sinch.ensureStack(stack, config);
      return sinch.operate(stack, operation, parallel, traceFile);
    },
    async floor(stack, operation, parallel) {
      await floor.ensureStack(stack, {});
      return floor.operate(stack, operation, parallel);
    },
  };
}

/** A step that did something else than expected measured something else: stop, and say what the engine did. */
function expectChanges(label: string, changes: ResourceChanges, expected: ResourceChanges): void {
  if (JSON.stringify(sorted(changes)) !== JSON.stringify(sorted(expected))) {
    throw new Error(`${label}: the engine reports ${JSON.stringify(changes)}, expected ${JSON.stringify(expected)}`);
  }
}

const sorted = (changes: ResourceChanges): ResourceChanges =>
  Object.fromEntries(Object.entries(changes).sort(([a], [b]) => a.localeCompare(b)));

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

interface ExportedState {
  deployment: { resources?: Array<{ type: string; outputs?: Record<string, unknown> }> };
}

const SINCH_TYPE = 'pulumi-nodejs:dynamic/sinch:NumberAssignment';
const FLOOR_TYPE = 'pulumi-nodejs:dynamic/bench:Nothing';
const NAIVE_TYPE = 'pulumi-nodejs:dynamic/naive:NumberAssignment';
const NAIVE_CALLBACKS_TYPE = 'pulumi-nodejs:dynamic/naive:ApplicationCallbacks';
/** What each `__provider` must require by name: a floor serialized otherwise would not compare like with like. */
const REQUIRED_MODULE: Record<string, string> = {
  [SINCH_TYPE]: 'pulumi-sinch-voice/shims/NumberAssignment',
  [FLOOR_TYPE]: FLOOR_MODULE,
  [NAIVE_TYPE]: NAIVE_MODULE,
  [NAIVE_CALLBACKS_TYPE]: NAIVE_CALLBACKS_MODULE,
};

/**
 * The byte length of the `__provider` text of the resources of `type` in an exported state (the largest). Fails
 * unless each is a require of its module by name.
 */
function providerBytes(exported: string, type: string): number {
  const resources = (JSON.parse(exported) as ExportedState).deployment.resources ?? [];
  const sizes = resources
    .filter((resource) => resource.type === type)
    .map((resource) => {
      const text = resource.outputs?.__provider;
      if (typeof text !== 'string')
        throw new Error(`a ${type}'s __provider is stored as ${typeof text}, not as plain text`);
      const module = REQUIRED_MODULE[type] as string;
      if (!text.includes(`require("${module}")`))
        throw new Error(
          `a ${type}'s __provider does not require ${module} by name: ${JSON.stringify(text.slice(0, 600))}`,
        );
      return Buffer.byteLength(text, 'utf8');
    });
  if (sizes.length === 0) throw new Error(`the exported state has no ${type}`);
  return Math.max(...sizes);
}
