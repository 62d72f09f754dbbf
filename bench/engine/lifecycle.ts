/**
 * The lifecycle of one size: `up`, `preview`, `refresh`, `destroy` on a stack at the CLI's default parallelism, then
 * `up`, `refresh`, `destroy` on a new stack at `--parallel N`. Each step runs on the provider's stack, then on a
 * stack of as many do-nothing resources at the same parallelism (the floor), so both see the same machine.
 */
import { join } from 'node:path';
import { FLOOR_MODULE } from './floor';
import { stepFigures, totalCalls, type EngineFigures, type RunFigures, type StepFigures } from './figures';
import type { DriverOperation, FloorProgram, ResourceChanges } from './protocol';
import type { ScratchProject } from './scratch';
import { SinchWorld } from './world';

export interface SizeSettings {
  bindings: number;
  applications: number;
  latencyMs: number;
  /** How many times the whole lifecycle runs; each step reports the spread over them. */
  runs: number;
  /** A directory for the provider's trace of each step (PULUMI_SINCH_VOICE_TRACE), or none. */
  traceDirectory?: string;
  /** Progress, one line per step (stderr). */
  log: (line: string) => void;
}

/** What the engine summarizes after each step of a stack of `resources` resources (the stack itself is one more). */
const EXPECTED: Record<DriverOperation, (resources: number) => ResourceChanges> = {
  up: (resources) => ({ create: resources + 1 }),
  preview: (resources) => ({ same: resources + 1 }),
  refresh: (resources) => ({ same: resources + 1 }),
  destroy: (resources) => ({ delete: resources + 1 }),
};

type StepName = 'up' | 'preview' | 'refresh' | 'destroy' | 'wide up' | 'wide refresh' | 'wide destroy';

export async function measureSize(project: ScratchProject, settings: SizeSettings): Promise<EngineFigures> {
  const { bindings: n, log } = settings;
  const world = await SinchWorld.start(n, settings.applications, settings.latencyMs);
  try {
    const floor: FloorProgram = { kind: 'floor', count: world.resourceCount };
    const config = world.credentials();
    const runs = new Map<StepName, RunFigures[]>();
    let providerBytesPerResource = 0;
    let floorProviderBytesPerResource = 0;

    for (let run = 1; run <= settings.runs; run += 1) {
      const step = async (
        name: StepName,
        operation: DriverOperation,
        stackName: string,
        parallel?: number,
      ): Promise<void> => {
        const label = `n=${n} run ${run}/${settings.runs} ${operation}${parallel === undefined ? '' : ` --parallel ${parallel}`}`;
        const trace =
          settings.traceDirectory && join(settings.traceDirectory, `n${n}-run${run}-${name.replace(' ', '-')}.jsonl`);
        await world.clearTraffic();
        const provider = await project.operate(
          { stackName, operation, program: world.program, config, parallel },
          trace || undefined,
        );
        expectChanges(label, provider.changes, EXPECTED[operation](world.resourceCount));
        const { calls, refused } = await world.traffic();
        if (refused) log(`${label}: warning: ${refused}`);
        const nothing = await project.operate({
          stackName: `${stackName}-floor`,
          operation,
          program: floor,
          config: {},
          parallel,
        });
        expectChanges(`${label} (floor)`, nothing.changes, EXPECTED[operation](floor.count));
        const figures: RunFigures = {
          calls,
          seconds: round(provider.seconds),
          floorSeconds: round(nothing.seconds),
          cpu: { provider: provider.cpu, floor: nothing.cpu },
        };
        log(
          `${label}: ${totalCalls(calls)} API calls, ${figures.seconds} s (floor ${figures.floorSeconds} s, × ${(figures.seconds / figures.floorSeconds).toFixed(2)})`,
        );
        runs.set(name, [...(runs.get(name) ?? []), figures]);
      };

      const stack = `n${n}`;
      await step('up', 'up', stack);
      await world.expectState('declared');
      providerBytesPerResource = Math.max(
        providerBytesPerResource,
        providerBytes(await project.exportState(stack), SINCH_TYPE),
      );
      floorProviderBytesPerResource = Math.max(
        floorProviderBytesPerResource,
        providerBytes(await project.exportState(`${stack}-floor`), FLOOR_TYPE),
      );
      await step('preview', 'preview', stack);
      await step('refresh', 'refresh', stack);
      await step('destroy', 'destroy', stack);
      await world.expectState('empty');

      const wideStack = `n${n}-wide`;
      await step('wide up', 'up', wideStack, n);
      await world.expectState('declared');
      await step('wide refresh', 'refresh', wideStack, n);
      await step('wide destroy', 'destroy', wideStack, n);
      await world.expectState('empty');
    }

    const figures = (name: StepName): StepFigures => stepFigures(runs.get(name) ?? []);
    return {
      n,
      providerBytesPerResource,
      floorProviderBytesPerResource,
      up: figures('up'),
      preview: figures('preview'),
      refresh: figures('refresh'),
      destroy: figures('destroy'),
      wide: { parallel: n, up: figures('wide up'), refresh: figures('wide refresh'), destroy: figures('wide destroy') },
    };
  } finally {
    await world.close();
  }
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
/** What each `__provider` must require by name: a floor serialized otherwise would not compare like with like. */
const REQUIRED_MODULE: Record<string, string> = {
  [SINCH_TYPE]: 'pulumi-sinch-voice/shims/NumberAssignment',
  [FLOOR_TYPE]: FLOOR_MODULE,
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
