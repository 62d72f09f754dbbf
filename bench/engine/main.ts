/**
 * `npm run bench`: the engine benchmark of issues 9 and 14. The repository as built is packed and installed in a
 * scratch Pulumi project; for each N, the lifecycle runs through the real engine against the simulator (see
 * lifecycle.ts), once per front end (`--front-ends dynamic,plugin`, both by default): the dynamic resources from a
 * TypeScript program, and the native plugin from a generated YAML program through the plain CLI. Prints one JSON line
 * per N on stdout, progress on stderr, and writes engine.json, engine.svg and engine.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { engineChart } from './chart';
import type { EngineFigures, EngineRun } from './figures';
import { defaultParallel } from '../../provider/implementation/engineAssumptions';
import { measureSize } from './lifecycle';
import { engineTable } from './markdown';
import { readOptions } from './options';
import type { SinchProgram } from './protocol';
import { ScratchProject } from './scratch';
import { measurePluginStart } from '../pluginStart';
import { floorYamlProgram } from './yaml';
import { YamlProject } from './yamlProject';

const REPOSITORY = join(__dirname, '..', '..', '..');
const APPLICATIONS = 5;
/** Resources of the warm-up stack, which loads the engine, the plugin and the disk cache once before any figure. */
const WARM_UP_RESOURCES = 20;

/** A small program of the floor's shape for the warm-up: numbers no size uses, none of the world's keys. */
const warmUpProgram = (): SinchProgram => ({
  kind: 'sinch',
  bindings: Array.from({ length: WARM_UP_RESOURCES }, (_, index) => ({
    name: `number-${index}`,
    number: `+1415556${String(index).padStart(4, '0')}`,
    applicationKey: 'warm-up',
  })),
  callbacks: [],
});

/** Starts of each plugin measured, in turns. */
const PLUGIN_STARTS = 15;

const round = (value: number): number => Math.round(value * 100) / 100;

const log = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

async function main(): Promise<void> {
  const options = readOptions(process.argv, join(REPOSITORY, 'bench', 'results'));
  const started = new Date();
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0] as number), 5_000).unref();
  log(`packing the built repository and installing it in a scratch project (sizes ${options.sizes.join(', ')})`);
  const project = await ScratchProject.create(REPOSITORY);
  const stop = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping and removing the scratch project`);
    project.remove();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const pulumi = await project.pulumiVersion();
    if (options.frontEnds.includes('dynamic')) {
      for (const operation of ['up', 'destroy'] as const) {
        await project.operate({
          stackName: 'warm-up',
          operation,
          program: { kind: 'floor', count: WARM_UP_RESOURCES },
          config: {},
        });
      }
    }
    if (options.frontEnds.includes('plugin')) {
      // The YAML host and the floor plugin, loaded once, as the dynamic warm-up loads the Node.js host.
      const warmUp = YamlProject.write(
        project,
        'plugin-warm-up',
        floorYamlProgram('bench-plugin-warm-up', warmUpProgram(), project.floorPluginDirectory),
      );
      await warmUp.ensureStack('warm-up', {});
      for (const operation of ['up', 'destroy'] as const) await warmUp.operate('warm-up', operation);
    }
    const pluginStart = options.frontEnds.includes('plugin')
      ? await measurePluginStart(REPOSITORY, PLUGIN_STARTS, log)
      : undefined;
    if (options.trace) mkdirSync(options.trace, { recursive: true });
    const results: EngineFigures[] = [];
    for (const bindings of options.sizes) {
      const figures = await measureSize(project, {
        bindings,
        applications: APPLICATIONS,
        latencyMs: options.latencyMs,
        runs: options.runs,
        frontEnds: options.frontEnds,
        traceDirectory: options.trace === undefined ? undefined : resolve(options.trace),
        log,
      });
      process.stdout.write(`${JSON.stringify(figures)}\n`);
      results.push(figures);
    }
    const cpus = availableParallelism();
    const run: EngineRun = {
      startedAt: started.toISOString(),
      durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      node: process.version,
      pulumi,
      cpus,
      defaultParallel: defaultParallel(),
      latencyMs: options.latencyMs,
      applications: APPLICATIONS,
      runs: options.runs,
      frontEnds: options.frontEnds,
      loadAverage: {
        mean: round(loads.reduce((sum, load) => sum + load, 0) / Math.max(1, loads.length)),
        max: round(Math.max(0, ...loads)),
      },
      results,
      ...(pluginStart === undefined ? {} : { pluginStart }),
    };
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'engine.json'), `${JSON.stringify(run, null, 2)}\n`);
    const subtitle = `medians of ${run.runs} runs, ${APPLICATIONS} applications, ${run.latencyMs} ms per API answer, Pulumi ${pulumi}, ${cpus} CPUs (default parallelism ${run.defaultParallel}), ${run.startedAt.slice(0, 10)}`;
    writeFileSync(join(options.out, 'engine.svg'), engineChart(results, subtitle));
    writeFileSync(join(options.out, 'engine.md'), engineTable(run));
    log(`done in ${(run.durationSeconds / 60).toFixed(1)} minutes; results in ${options.out}/engine.{json,svg,md}`);
  } finally {
    clearInterval(sampler);
    project.remove();
  }
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
