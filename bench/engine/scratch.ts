/**
 * A scratch Pulumi project in a temporary directory, with the packed package installed as a user installs it, a file
 * backend, a private PULUMI_HOME and a passphrase; and its driver processes, one per operation.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ensurePulumi, isolatedPulumiEnvironment } from '../../scripts/pulumiEnvironment';
import { FLOOR_PLUGIN_SERVER, installFloorPlugin } from '../floorPlugin/install';
import { cpuSeconds } from './cpu';
import { installFloorProvider } from './floor';
import { installNaiveProvider } from './naive';
import type { CpuSeconds, DriverAnswer, DriverRequest } from './protocol';

const run = promisify(execFile);
/**
 * The driver and the modules it loads, and the floor plugin's server, copied into the scratch directory before
 * anything else: a run then needs nothing more of dist/, which another `npm run build` in the same checkout removes
 * and rewrites meanwhile.
 */
const DRIVER_FILES = ['driver.js', 'cpu.js', 'floor.js', 'naive.js'];
/** No single step of the largest run comes near this; a step that does is stuck, and the benchmark says so. */
const STEP_TIMEOUT_MS = 30 * 60_000;

/** A run of the plain CLI: how it ended, what it printed, its wall time and the CPU of it and all it reaped. */
export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** `program` is 0: a YAML program runs in the language host, one of the engine's processes. */
  cpu: CpuSeconds;
}

export class ScratchProject {
  private constructor(
    /** The temporary directory that holds everything: the tarball, the project, the backend and PULUMI_HOME. */
    private readonly root: string,
    readonly directory: string,
    readonly cli: string,
    private readonly environment: NodeJS.ProcessEnv,
    /** The directory of the do-nothing plugin `pulumi-resource-nothing` (bench/floorPlugin), the plugin floor. */
    readonly floorPluginDirectory: string,
  ) {}

  /** The driver's copy (see DRIVER_FILES). */
  private get driver(): string {
    return join(this.root, 'driver', 'driver.js');
  }

  /** The directory of `pulumi-resource-sinch` as the packed package installed it, as a YAML project names it. */
  get sinchPluginDirectory(): string {
    return join(this.directory, 'node_modules', 'pulumi-sinch-voice', 'bin');
  }

  /** The driver processes under way. */
  private readonly running = new Set<number>();

  /** Packs the repository as it is built (`npm pack --ignore-scripts`) and installs the tarball in a new project. */
  static async create(repository: string): Promise<ScratchProject> {
    const cli = await ensurePulumi(repository);
    const root = mkdtempSync(join(tmpdir(), 'sinch-bench-'));
    try {
      // First, while dist/ is as this process found it: what the run needs of it after the pack.
      mkdirSync(join(root, 'driver'));
      for (const file of DRIVER_FILES) copyFileSync(join(__dirname, file), join(root, 'driver', file));
      copyFileSync(
        join(__dirname, '..', 'floorPlugin', FLOOR_PLUGIN_SERVER),
        join(root, 'driver', FLOOR_PLUGIN_SERVER),
      );
      const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', root], {
        cwd: repository,
      });
      const tarball = join(root, stdout.trim().split('\n').at(-1) as string);
      const pulumiVersion = (
        JSON.parse(readFileSync(join(repository, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
      const directory = join(root, 'project');
      mkdirSync(directory);
      const manifest = {
        name: 'sinch-bench',
        private: true,
        dependencies: { 'pulumi-sinch-voice': `file:${tarball}`, '@pulumi/pulumi': pulumiVersion },
      };
      writeFileSync(join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
      await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
        cwd: directory,
        maxBuffer: 16 * 1024 * 1024,
      });
      const installed = join(directory, 'node_modules', 'pulumi-sinch-voice', 'dist', 'provider', 'plugin', 'main.js');
      if (!existsSync(installed))
        throw new Error(
          `the packed package has no dist/provider/plugin/main.js: dist/ changed while it was packed (another build in this checkout?); run again`,
        );
      installFloorProvider(directory);
      installNaiveProvider(directory);
      const floorPlugin = installFloorPlugin(directory, join(root, 'driver', FLOOR_PLUGIN_SERVER));
      const environment = { ...ambientEnvironment(), ...isolatedPulumiEnvironment(cli, root, 'bench-passphrase') };
      return new ScratchProject(root, directory, cli, environment, floorPlugin);
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  /** `pulumi version` of the CLI the operations run. */
  async pulumiVersion(): Promise<string> {
    return (await run(this.cli, ['version'], { env: this.environment })).stdout.trim();
  }

  /** One operation in a driver process; rejects with the engine's message when it fails. */
  async operate(
    request: Omit<DriverRequest, 'workDir'>,
    traceFile?: string,
  ): Promise<Extract<DriverAnswer, { ok: true }>> {
    const answer = await this.drive({ ...request, workDir: this.directory }, traceFile);
    if (!answer.ok) {
      const where = `${request.operation} of stack ${request.stackName}${request.parallel === undefined ? '' : ` at --parallel ${request.parallel}`}`;
      throw new Error(`${where} failed:\n${engineWords(answer.message)}`);
    }
    return answer;
  }

  /** `pulumi stack export`: the state as stored, secrets encrypted. */
  async exportState(stackName: string): Promise<string> {
    const { stdout } = await run(this.cli, ['stack', 'export', '--stack', stackName, '--cwd', this.directory], {
      env: this.environment,
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  }

  /**
   * `pulumi <args>` in `cwd` (no colours, no prompts), with this project's engine; with PULUMI_SINCH_VOICE_TRACE set
   * to `traceFile`, if given. The clock runs from the spawn to the exit, and the CPU seconds are those of the CLI and
   * every process it reaped: nothing else of this process's children runs meanwhile (one operation at a time).
   */
  runCli(args: string[], cwd: string, traceFile?: string): Promise<CliOutcome> {
    const env =
      traceFile === undefined ? this.environment : { ...this.environment, PULUMI_SINCH_VOICE_TRACE: traceFile };
    const before = cpuSeconds();
    const start = performance.now();
    const child = spawn(this.cli, ['--color=never', '--non-interactive', ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.add(child.pid as number);
    return new Promise<CliOutcome>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let stderr = '';
      const timer = setTimeout(() => {
        killTree(child.pid as number);
        reject(new Error(`pulumi ${args.join(' ')} took more than ${STEP_TIMEOUT_MS / 60_000} minutes; stopped`));
      }, STEP_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8000)));
      child.once('error', (error) => {
        clearTimeout(timer);
        this.running.delete(child.pid as number);
        reject(error);
      });
      child.once('close', (code, signal) => {
        const seconds = (performance.now() - start) / 1000;
        clearTimeout(timer);
        this.running.delete(child.pid as number);
        const after = cpuSeconds();
        resolve({
          code,
          signal,
          stdout: Buffer.concat(chunks).toString(),
          stderr,
          seconds,
          cpu: { program: 0, engine: round(after.children - before.children) },
        });
      });
    });
  }

  /** Ends the operations under way, with the CLI and the provider each started, and removes the directory. */
  remove(): void {
    for (const pid of this.running) killTree(pid);
    rmSync(this.root, { recursive: true, force: true });
  }

  private drive(request: DriverRequest, traceFile: string | undefined): Promise<DriverAnswer> {
    // The CLI passes its environment on to the provider plugin, which writes the trace.
    const env =
      traceFile === undefined ? this.environment : { ...this.environment, PULUMI_SINCH_VOICE_TRACE: traceFile };
    const child = spawn(process.execPath, [this.driver], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.running.add(child.pid as number);
    return new Promise<DriverAnswer>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => {
        killTree(child.pid as number);
        reject(
          new Error(
            `${request.operation} of stack ${request.stackName} took more than ${STEP_TIMEOUT_MS / 60_000} minutes; stopped`,
          ),
        );
      }, STEP_TIMEOUT_MS);
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child.pid as number);
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as DriverAnswer);
        } catch {
          reject(
            new Error(
              `the driver of ${request.operation} (stack ${request.stackName}) ended (${signal ?? `code ${code}`}) with no answer: ${stderr}`,
            ),
          );
        }
      });
      child.stdin.end(JSON.stringify(request));
    });
  }
}

const round = (seconds: number): number => Math.round(seconds * 100) / 100;

/** The engine's diagnostics from a failed operation's output (what the CLI printed is long at N = 500). */
function engineWords(message: string): string {
  const diagnostics = message.indexOf('Diagnostics:');
  const words = diagnostics >= 0 ? message.slice(diagnostics) : message;
  return words.length > 6000 ? `${words.slice(0, 6000)}\n… (${words.length - 6000} more characters)` : words;
}

/**
 * The machine's environment without what would change what is measured: Sinch credentials (the stack configuration
 * gives them) and PULUMI_PARALLEL (the default steps run at the CLI's own default).
 */
function ambientEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('SINCH_') && key !== 'PULUMI_PARALLEL' && key !== 'PULUMI_SINCH_VOICE_TRACE',
    ),
  );
}

/** SIGKILL to a process and every process below it (the CLI starts plugins in process groups of their own). */
function killTree(root: number): void {
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number): void => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
