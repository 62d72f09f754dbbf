/**
 * The lifecycle of one size: `up`, `preview`, `refresh`, `destroy` on a stack at the CLI's default parallelism, then
 * `up`, `refresh`, `destroy` on a new stack at `--parallel N`. Each step runs on the provider's stack, then on a
 * stack of as many do-nothing resources at the same parallelism (the floor), so both see the same machine.
 */
import { totalCalls, type EngineFigures, type StepFigures } from './figures';
import type { DriverOperation, FloorProgram, ResourceChanges } from './protocol';
import type { ScratchProject } from './scratch';
import { SinchWorld } from './world';

export interface SizeSettings {
  bindings: number;
  applications: number;
  latencyMs: number;
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

export async function measureSize(project: ScratchProject, settings: SizeSettings): Promise<EngineFigures> {
  const { bindings: n, log } = settings;
  const world = await SinchWorld.start(n, settings.applications, settings.latencyMs);
  try {
    const floor: FloorProgram = { kind: 'floor', count: world.resourceCount };
    const config = world.credentials();

    const step = async (operation: DriverOperation, stackName: string, parallel?: number): Promise<StepFigures> => {
      const label = `n=${n} ${operation}${parallel === undefined ? '' : ` --parallel ${parallel}`}`;
      await world.clearTraffic();
      const provider = await project.operate({ stackName, operation, program: world.program, config, parallel });
      expectChanges(label, provider.changes, EXPECTED[operation](world.resourceCount));
      const { calls, refused } = await world.traffic();
      if (refused) log(`${label}: warning: ${refused}`);
      const nothing = await project.operate({ stackName: `${stackName}-floor`, operation, program: floor, config: {}, parallel });
      expectChanges(`${label} (floor)`, nothing.changes, EXPECTED[operation](floor.count));
      const figures = { calls, seconds: round(provider.seconds), floorSeconds: round(nothing.seconds) };
      log(`${label}: ${totalCalls(calls)} API calls, ${figures.seconds} s (floor ${figures.floorSeconds} s)`);
      return figures;
    };

    const stack = `n${n}`;
    const up = await step('up', stack);
    await world.expectState('declared');
    const providerBytesPerResource = providerBytes(await project.exportState(stack));
    const preview = await step('preview', stack);
    const refresh = await step('refresh', stack);
    const destroy = await step('destroy', stack);
    await world.expectState('empty');

    const wideStack = `n${n}-wide`;
    const wideUp = await step('up', wideStack, n);
    await world.expectState('declared');
    const wideRefresh = await step('refresh', wideStack, n);
    const wideDestroy = await step('destroy', wideStack, n);
    await world.expectState('empty');

    return { n, providerBytesPerResource, up, preview, refresh, destroy, wide: { parallel: n, up: wideUp, refresh: wideRefresh, destroy: wideDestroy } };
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

const sorted = (changes: ResourceChanges): ResourceChanges => Object.fromEntries(Object.entries(changes).sort(([a], [b]) => a.localeCompare(b)));

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

interface ExportedState {
  deployment: { resources?: Array<{ type: string; outputs?: Record<string, unknown> }> };
}

/** The byte length of the `__provider` text of the NumberAssignments in an exported state (the largest). */
function providerBytes(exported: string): number {
  const resources = (JSON.parse(exported) as ExportedState).deployment.resources ?? [];
  const sizes = resources
    .filter((resource) => resource.type === 'pulumi-nodejs:dynamic/sinch:NumberAssignment')
    .map((resource) => {
      const text = resource.outputs?.__provider;
      if (typeof text !== 'string') throw new Error(`a NumberAssignment's __provider is stored as ${typeof text}, not as plain text`);
      return Buffer.byteLength(text, 'utf8');
    });
  if (sizes.length === 0) throw new Error('the exported state has no NumberAssignment');
  return Math.max(...sizes);
}
