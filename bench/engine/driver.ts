/**
 * One Pulumi operation on one stack of the scratch project, through the Automation API, in a process of its own: the
 * request comes as JSON on stdin, the answer is one JSON line on stdout. Everything Pulumi is required from the scratch
 * project, so that the engine, the program and the installed package share its single copy of @pulumi/pulumi, as in a
 * user's project. The clock runs around the operation only: starting Node and loading modules is not the engine's
 * time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Pulumi from '@pulumi/pulumi';
import type * as Automation from '@pulumi/pulumi/automation';
import type * as Sinch from '../../provider';
import { cpuSeconds } from './cpu';
import { FLOOR_MODULE } from './floor';
import { NAIVE_CALLBACKS_MODULE, NAIVE_MODULE } from './naive';
import type {
  DriverAnswer,
  DriverOperation,
  DriverRequest,
  FloorProgram,
  NaiveProgram,
  ResourceChanges,
  SinchProgram,
} from './protocol';

function sinchProgram(sinch: typeof Sinch, { bindings, callbacks }: SinchProgram): Automation.PulumiFn {
  return async () => {
    for (const { name, number, applicationKey } of bindings)
      new sinch.NumberAssignment(name, { number, applicationKey });
    for (const { name, applicationKey, primary } of callbacks)
      new sinch.ApplicationCallbacks(name, { applicationKey, primary });
    return {};
  };
}

/** The floor: as many resources of the do-nothing provider, a module required by name (floor.ts). */
function floorProgram(
  pulumi: typeof Pulumi,
  nothing: Pulumi.dynamic.ResourceProvider,
  { count }: FloorProgram,
): Automation.PulumiFn {
  class Nothing extends pulumi.dynamic.Resource {
    constructor(key: string) {
      super(nothing, key, { key }, undefined, 'bench', 'Nothing');
    }
  }
  return async () => {
    for (let index = 0; index < count; index += 1) new Nothing(`nothing-${index}`);
    return {};
  };
}

/** The naive provider's resources (naive.ts): the same declarations, each kind a module required by name. */
function naiveProgram(
  pulumi: typeof Pulumi,
  load: (name: string) => unknown,
  { bindings, callbacks, registered }: NaiveProgram,
): Automation.PulumiFn {
  const binding = load(NAIVE_MODULE) as Pulumi.dynamic.ResourceProvider;
  const callback = load(NAIVE_CALLBACKS_MODULE) as Pulumi.dynamic.ResourceProvider;
  /** Every name the kind registers, undefined unless declared: the same outputs as the package's resources have. */
  const properties = (names: string[], declared: Record<string, string>) =>
    Object.fromEntries(names.map((name) => [name, declared[name]]));
  class Naive extends pulumi.dynamic.Resource {
    constructor(provider: Pulumi.dynamic.ResourceProvider, type: string, name: string, props: Record<string, unknown>) {
      super(provider, name, props, undefined, 'naive', type);
    }
  }
  return async () => {
    for (const { name, number, applicationKey } of bindings)
      new Naive(binding, 'NumberAssignment', name, properties(registered.binding, { number, applicationKey }));
    for (const { name, applicationKey, primary } of callbacks)
      new Naive(callback, 'ApplicationCallbacks', name, properties(registered.callbacks, { applicationKey, primary }));
    return {};
  };
}

async function operate(
  stack: Automation.Stack,
  operation: DriverOperation,
  parallel: number | undefined,
): Promise<ResourceChanges> {
  const options = parallel === undefined ? {} : { parallel };
  switch (operation) {
    case 'up':
      return ((await stack.up(options)).summary.resourceChanges ?? {}) as ResourceChanges;
    case 'preview':
      return (await stack.preview(options)).changeSummary as ResourceChanges;
    case 'refresh':
      return ((await stack.refresh(options)).summary.resourceChanges ?? {}) as ResourceChanges;
    case 'destroy':
      return ((await stack.destroy(options)).summary.resourceChanges ?? {}) as ResourceChanges;
  }
}

async function main(): Promise<DriverAnswer> {
  const request = JSON.parse(readFileSync(0, 'utf8')) as DriverRequest;
  const load = createRequire(join(request.workDir, 'package.json'));
  const automation = load('@pulumi/pulumi/automation') as typeof Automation;
  const program =
    request.program.kind === 'sinch'
      ? sinchProgram(load('pulumi-sinch-voice') as typeof Sinch, request.program)
      : request.program.kind === 'naive'
        ? naiveProgram(load('@pulumi/pulumi') as typeof Pulumi, load, request.program)
        : floorProgram(
            load('@pulumi/pulumi') as typeof Pulumi,
            load(FLOOR_MODULE) as Pulumi.dynamic.ResourceProvider,
            request.program,
          );
  const stack = await automation.LocalWorkspace.createOrSelectStack(
    { stackName: request.stackName, projectName: 'sinch-bench', program },
    // main: the dynamic-provider plugin resolves @pulumi/pulumi from there.
    { workDir: request.workDir, projectSettings: { name: 'sinch-bench', runtime: 'nodejs', main: request.workDir } },
  );
  await stack.setAllConfig(request.config);
  const before = cpuSeconds();
  const start = performance.now();
  const changes = await operate(stack, request.operation, request.parallel);
  const seconds = (performance.now() - start) / 1000;
  const after = cpuSeconds();
  return {
    ok: true,
    seconds,
    changes,
    cpu: { program: after.self - before.self, engine: after.children - before.children },
  };
}

main().then(
  (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
  (error: unknown) => {
    // A CommandError's message is the CLI's own output (stdout and stderr): the engine's words, which name no secret.
    const answer: DriverAnswer = { ok: false, message: error instanceof Error ? error.message : String(error) };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
    process.exitCode = 1;
  },
);
