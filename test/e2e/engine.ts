import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../simulator';
import { ensurePulumi, isolatedPulumiEnvironment } from '../../scripts/pulumiEnvironment';
import { startTestSimulator } from '../support/simulator';
import type { FrontEndName } from './frontEnds';

const run = promisify(execFile);
const REPOSITORY = join(__dirname, '..', '..');
const DRIVER = join(__dirname, 'driver.js');

/** Resource options, in a form that crosses to the driver as JSON. */
export interface DeclaredOptions {
  retainOnDelete?: boolean;
  /** Former names of the resource (Pulumi `aliases`). */
  aliases?: string[];
  /** Pulumi's `import` resource option. */
  importId?: string;
  /** The name of one of the program's explicit providers (plugin only). */
  provider?: string;
}

export interface DeclaredNumber extends DeclaredOptions {
  name: string;
  number: string;
  applicationKey?: string;
  capability?: 'voice' | 'sms';
  allowReassign?: boolean;
}

export interface DeclaredCallbacks extends DeclaredOptions {
  name: string;
  applicationKey?: string;
  primary: string;
  fallback?: string;
}

/** An explicit provider `pulumi:providers:sinch` (plugin only): its settings, the secret marked secret. */
export interface DeclaredProvider {
  name: string;
  applicationKey?: string;
  applicationSecret?: string;
  baseUrl?: string;
  auth?: 'signed' | 'basic';
}

/** Resources declared as data. */
export interface DeclaredProgram {
  numbers: DeclaredNumber[];
  callbacks: DeclaredCallbacks[];
  /** Which front end's resources the program declares (see frontEnds.ts); the dynamic resources by default. */
  frontEnd?: FrontEndName;
  providers?: DeclaredProvider[];
  /** Every output of every resource becomes a stack output `<name>.<property>`, answered as `outputs` by an up. */
  exportOutputs?: boolean;
}

/**
 * Resources declared as data, or a compiled program file inside the project (see useExample); a program file that
 * declares the plugin's resources says so, and the project then names the plugin's folder.
 */
export type Program = DeclaredProgram | { programFile: string; frontEnd?: FrontEndName };

export type StackConfig = Record<string, { value: string; secret?: boolean }>;

export type Operation = 'up' | 'preview' | 'refresh' | 'destroy' | 'export' | 'cancel';

/** Options of the Automation API operation, such as `{ clearPendingCreates: true }` for refresh or `{ parallel: 8 }`. */
export type OperationOptions = Record<string, unknown>;

export interface RunningOperation {
  result: Promise<OperationResult>;
  /** SIGKILL to the driver, the CLI and the provider process, all at once. */
  killGroup(): void;
}

export interface OperationResult {
  ok: boolean;
  /** The Automation API's summary, change summary or exported deployment. */
  result?: Record<string, unknown>;
  /** What the CLI printed, as a person running it would see it. */
  stdout?: string;
  /** What the CLI printed on stderr (with `logToStdErr`, the engine's own log). */
  stderr?: string;
  message?: string;
  /** The stack's outputs after an up of a program with `exportOutputs`, as the Automation API answers them. */
  outputs?: Record<string, { value: unknown; secret: boolean }>;
}

/**
 * A scratch Pulumi project with pulumi-sinch-voice installed from its packed tarball, a file backend, a private
 * PULUMI_HOME and the real CLI: the engine's working directory, as a user's would be.
 */
export class ScratchProject {
  private constructor(
    readonly directory: string,
    readonly cli: string,
    private readonly environment: NodeJS.ProcessEnv,
    /** The properties of each resource of the plugin's package schema, which a generated SDK registers. */
    private readonly schema: Record<string, string[]>,
  ) {}

  static async create(): Promise<ScratchProject> {
    const cli = await ensurePulumi(REPOSITORY);
    const directory = mkdtempSync(join(tmpdir(), 'sinch-e2e-'));
    const tarball = await pack(REPOSITORY, directory);
    // The user's SDK runs our code (it is a peer dependency): E2E_PULUMI_SDK_VERSION tries another release than ours.
    const pulumiVersion =
      process.env.E2E_PULUMI_SDK_VERSION ||
      (
        JSON.parse(readFileSync(join(REPOSITORY, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    const project = join(directory, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        {
          name: 'sinch-e2e',
          private: true,
          dependencies: { 'pulumi-sinch-voice': `file:${tarball}`, '@pulumi/pulumi': pulumiVersion },
        },
        null,
        2,
      ),
    );
    await npmInstall(project);
    const environment = {
      ...withoutSinchVariables(process.env),
      ...isolatedPulumiEnvironment(cli, directory, 'e2e-passphrase'),
    };
    return new ScratchProject(project, cli, environment, await resourceProperties(cli, project, environment));
  }

  /** Replaces the installed package with another tarball, as `npm install` of a new release would. */
  async install(tarball: string): Promise<void> {
    await run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        `pulumi-sinch-voice@file:${tarball}`,
      ],
      { cwd: this.directory },
    );
  }

  /** Copies a compiled example from dist/examples into the project, where it finds the installed package. */
  useExample(name: string): Program {
    const target = join(this.directory, 'examples', `${name}.js`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(REPOSITORY, 'dist', 'examples', name, 'index.js'), target);
    return { programFile: target };
  }

  /**
   * A TypeScript program (a file that `export =`s its program function), compiled into the project as `tsc` would
   * compile it for a user, where it finds the installed package.
   */
  async useTypeScriptProgram(source: string, frontEnd: FrontEndName): Promise<Program> {
    // Loaded here: the other users of this module (every end-to-end suite, test/plugin's) need no compiler.
    const { ModuleKind, ScriptTarget, transpileModule } = await import('typescript');
    const target = join(this.directory, 'programs', basename(source).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    const { outputText } = transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true },
      fileName: basename(source),
    });
    writeFileSync(target, outputText);
    return { programFile: target, frontEnd };
  }

  /** The top-level stack's program (dist/index.js), which imports the package by name, copied into the project. */
  useTopLevelProgram(): Program {
    const target = join(this.directory, 'top-level', 'index.js');
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(REPOSITORY, 'dist', 'index.js'), target);
    return { programFile: target };
  }

  get packageDirectory(): string {
    return join(this.directory, 'node_modules', 'pulumi-sinch-voice');
  }

  /** One operation on a stack of this project, in a driver process (see driver.js). */
  operate(...operation: Parameters<ScratchProject['start']>): Promise<OperationResult> {
    return this.start(...operation).result;
  }

  /**
   * Starts an operation whose driver, CLI and provider form one process group, so that a test can kill them all at
   * once (SIGKILL), as a cancelled pipeline does.
   */
  start(
    operation: Operation,
    stackName: string,
    program: Program,
    config: StackConfig,
    extraEnvironment: NodeJS.ProcessEnv = {},
    options: OperationOptions = {},
  ): RunningOperation {
    const request = JSON.stringify({
      workDir: this.directory,
      stackName,
      operation,
      config,
      options,
      schema: this.schema,
      ...program,
    });
    const child = spawn(process.execPath, [DRIVER], {
      env: { ...this.environment, ...extraEnvironment },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const result = new Promise<OperationResult>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      // close, not exit: by then the driver's whole output has been read.
      child.once('close', (_code, signal) => {
        if (signal) return resolve({ ok: false, message: `killed by ${signal}`, stdout });
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as OperationResult);
        } catch {
          reject(new Error(`the driver printed no result: ${stdout.slice(-2000)} ${stderr.slice(-2000)}`));
        }
      });
      child.stdin.end(request);
    });
    return { result, killGroup: () => killTree(child.pid as number) };
  }

  /** `pulumi stack export` as a person would run it: secrets stay encrypted. */
  async exportState(stackName: string): Promise<string> {
    const { stdout } = await run(this.cli, ['stack', 'export', '--stack', stackName, '--cwd', this.directory], {
      env: this.environment,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  remove(): void {
    rmSync(dirname(this.directory), { recursive: true, force: true });
  }
}

/**
 * SIGKILL to a process and every process it started: its group, and the plugins the CLI starts in groups of their
 * own (the dynamic provider among them), found through their parents before any of them dies.
 */
function killTree(root: number): void {
  const parents = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().trim().split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number) as [number, number];
    parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
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

/**
 * Each resource's properties in the plugin's package schema (`pulumi package get-schema` of the installed plugin):
 * what a generated SDK registers, the inputs given and the outputs as undefined.
 */
async function resourceProperties(
  cli: string,
  project: string,
  environment: NodeJS.ProcessEnv,
): Promise<Record<string, string[]>> {
  const plugin = join(project, 'node_modules', 'pulumi-sinch-voice', 'bin', 'pulumi-resource-sinch');
  const { stdout } = await run(cli, ['package', 'get-schema', plugin], {
    cwd: project,
    env: environment,
    maxBuffer: 16 * 1024 * 1024,
  });
  const schema = JSON.parse(stdout) as {
    resources: Record<string, { properties: Record<string, unknown>; inputProperties: Record<string, unknown> }>;
  };
  return Object.fromEntries(
    Object.entries(schema.resources).map(([token, resource]) => [
      token,
      [...new Set([...Object.keys(resource.inputProperties), ...Object.keys(resource.properties)])],
    ]),
  );
}

/** `npm pack` of a package directory into a destination; answers the tarball's path. */
export async function pack(packageDirectory: string, destination: string): Promise<string> {
  // --ignore-scripts: pack the build that is there; rebuilding here would race other test files reading dist/.
  const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', destination], {
    cwd: packageDirectory,
  });
  return join(destination, stdout.trim().split('\n').at(-1) as string);
}

async function npmInstall(directory: string): Promise<void> {
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
    cwd: directory,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The tests decide where credentials come from; none leak in from the machine. */
function withoutSinchVariables(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(environment).filter(([key]) => !key.startsWith('SINCH_')));
}

/** What each end-to-end scenario works with: the shared scratch project, a fresh simulator, a fresh stack name. */
export interface Scenario {
  project: ScratchProject;
  simulator: RunningSimulator;
  stack: string;
}

/** Registers the hooks: one scratch project per test file, one simulator and one stack per test. */
export function scratchScenarios(
  stackPrefix: string,
  prepareSimulator?: (simulator: RunningSimulator) => Promise<unknown>,
): Scenario {
  const scenario = {} as Scenario;
  let counter = 0;
  beforeAll(async () => {
    scenario.project = await ScratchProject.create();
  });
  afterAll(() => scenario.project?.remove());
  beforeEach(async () => {
    scenario.simulator = await startTestSimulator();
    await prepareSimulator?.(scenario.simulator);
    counter += 1;
    scenario.stack = `${stackPrefix}${counter}`;
  });
  afterEach(() => scenario.simulator.close());
  return scenario;
}
