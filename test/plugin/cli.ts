/**
 * Pulumi projects run through the plain CLI, as a person runs them: `pulumi up` in a project directory, with a
 * private PULUMI_HOME and file backend, the YAML language host beside the CLI (npm run pulumi:ensure builds it), and
 * the plugin from pulumi-sinch-voice installed from its packed tarball.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { ensurePulumi, isolatedPulumiEnvironment } from '../../scripts/pulumiEnvironment';
import { pack } from '../e2e/engine';

export const REPOSITORY = join(__dirname, '..', '..');
const run = promisify(execFile);

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The tests decide where credentials come from; none leak in from the machine. */
const withoutSinchVariables = (environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(environment).filter(([key]) => !key.startsWith('SINCH_')));

/** Runs a command to its end; its exit is what a test waits for. */
export function runToExit(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A scratch directory with its own engine: PULUMI_HOME, file backend, passphrase, and the CLI first on PATH. */
export class Engine {
  readonly environment: NodeJS.ProcessEnv;
  private projects = 0;

  private constructor(
    readonly cli: string,
    readonly directory: string,
    extra: NodeJS.ProcessEnv,
  ) {
    this.environment = {
      ...withoutSinchVariables(process.env),
      ...isolatedPulumiEnvironment(cli, directory, 'plugin-passphrase'),
      ...extra,
    };
  }

  static async create(extra: NodeJS.ProcessEnv = {}): Promise<Engine> {
    const cli = await ensurePulumi(REPOSITORY);
    return new Engine(cli, mkdtempSync(join(tmpdir(), 'sinch-plugin-')), extra);
  }

  get home(): string {
    return this.environment.PULUMI_HOME as string;
  }

  get backend(): string {
    return (this.environment.PULUMI_BACKEND_URL as string).replace(/^file:\/\//, '');
  }

  /**
   * Installs the packed package with the SDK whose stubs the plugin loads, once for every project of this engine:
   * each project then finds `node_modules/pulumi-sinch-voice/bin` as its Pulumi.yaml names it.
   */
  async installPackage(): Promise<string> {
    const target = join(this.directory, 'install');
    mkdirSync(target, { recursive: true });
    const tarball = await pack(REPOSITORY, target);
    const sdk = (
      JSON.parse(readFileSync(join(REPOSITORY, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
    writeFileSync(
      join(target, 'package.json'),
      JSON.stringify({
        name: 'sinch-plugin-test',
        private: true,
        dependencies: { 'pulumi-sinch-voice': `file:${tarball}`, '@pulumi/pulumi': sdk },
      }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
      cwd: target,
      maxBuffer: 16 * 1024 * 1024,
    });
    return join(target, 'node_modules');
  }

  /** A copy of examples/<name> (or of a directory) as a new project, its node_modules the installed package's. */
  project(source: string, modules?: string): Project {
    this.projects += 1;
    const directory = join(this.directory, `project-${this.projects}`);
    cpSync(source.includes('/') ? source : join(REPOSITORY, 'examples', source), directory, { recursive: true });
    if (modules) symlinkSync(modules, join(directory, 'node_modules'), 'dir');
    return new Project(directory, this);
  }

  /** A project whose Pulumi.yaml is the given text. */
  projectWith(pulumiYaml: string, modules?: string): Project {
    this.projects += 1;
    const directory = join(this.directory, `project-${this.projects}`);
    mkdirSync(directory, { recursive: true });
    writeFileSync(join(directory, 'Pulumi.yaml'), pulumiYaml);
    if (modules) symlinkSync(modules, join(directory, 'node_modules'), 'dir');
    return new Project(directory, this);
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}

export class Project {
  constructor(
    readonly directory: string,
    private readonly engine: Engine,
  ) {}

  /** `pulumi <args>` in the project directory, as typed in a terminal (no colours, no prompts). */
  run(args: string[], environment: NodeJS.ProcessEnv = {}): Promise<Outcome> {
    return runToExit(this.engine.cli, ['--color=never', '--non-interactive', ...args], {
      cwd: this.directory,
      env: { ...this.engine.environment, ...environment },
    });
  }

  /** The same, failing the test with what the CLI printed when it does not succeed. */
  async pulumi(args: string[], environment: NodeJS.ProcessEnv = {}): Promise<Outcome> {
    const outcome = await this.run(args, environment);
    if (outcome.code !== 0)
      throw new Error(
        `pulumi ${args.join(' ')} exited with ${outcome.code}:\n${outcome.stdout.slice(-6000)}\n${outcome.stderr.slice(-6000)}`,
      );
    return outcome;
  }

  /**
   * A new stack with its configuration: `{ key: value }`, or `{ key: { secret: value } }` for `--secret`. Named
   * after the project's directory: projects copied from one example share a name in the backend.
   */
  async stack(config: Record<string, string | { secret: string }>): Promise<void> {
    await this.pulumi(['stack', 'init', basename(this.directory)]);
    for (const [key, value] of Object.entries(config)) {
      // `--` : values such as +12012222222 must not read as flags.
      await this.pulumi(
        typeof value === 'string'
          ? ['config', 'set', key, '--', value]
          : ['config', 'set', '--secret', key, '--', value.secret],
      );
    }
  }

  /** The stack's outputs, secrets shown: what `pulumi stack output --json --show-secrets` prints. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(['stack', 'output', '--json', '--show-secrets'])).stdout) as Record<
      string,
      unknown
    >;
  }

  /** The stack's state as `pulumi stack export` prints it (secrets encrypted). */
  async state(): Promise<StateResource[]> {
    const exported = JSON.parse((await this.pulumi(['stack', 'export'])).stdout) as {
      deployment: { resources?: StateResource[] };
    };
    return exported.deployment.resources ?? [];
  }

  get pulumiYaml(): string {
    return readFileSync(join(this.directory, 'Pulumi.yaml'), 'utf8');
  }

  set pulumiYaml(text: string) {
    writeFileSync(join(this.directory, 'Pulumi.yaml'), text);
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  protect?: boolean;
}

/** The resources of a type in a state, by name. */
export function resourcesOf(state: StateResource[], type: string): Record<string, StateResource> {
  return Object.fromEntries(
    state
      .filter((resource) => resource.type === type)
      .map((resource) => [resource.urn.split('::').at(-1) as string, resource]),
  );
}
