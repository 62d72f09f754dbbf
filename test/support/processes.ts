import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeObeyingFileModes } from './fileModes';

const REPOSITORY = join(__dirname, '..', '..');
export const SIMULATOR_CLI = join(REPOSITORY, 'dist', 'simulator', 'cli.js');

export interface SimulatorProcess {
  url: string;
  firstLine: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface CommandOptions {
  /** The command's working directory, where relative --state paths start. */
  cwd?: string;
  /** Run it so that it obeys file modes as their owner, even when the tests run as root (see fileModes.ts). */
  obeyingFileModes?: boolean;
}

/** Starts the built `sinch-voice-sim` command, stdout and stderr piped. */
function startCommand(args: string[], options: CommandOptions): { child: ChildProcess; description: string } {
  const command = options.obeyingFileModes
    ? nodeObeyingFileModes(SIMULATOR_CLI, args, REPOSITORY)
    : {
        command: process.execPath,
        args: [SIMULATOR_CLI, ...args],
        fds: [],
        release: () => undefined,
        description: 'node',
      };
  try {
    // spawn has forked and exec'd (or failed to) when it returns: the child holds its own copies of the descriptors.
    const child = spawn(command.command, command.args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe', ...command.fds],
    });
    return { child, description: command.description };
  } finally {
    command.release();
  }
}

/** A spawn that fails (no such file, EACCES, a working directory it cannot enter) fails the caller at once, with its error. */
function spawnFailure(error: Error, description: string): Error {
  return new Error(`the simulator command (${description}) did not start: ${error.message}`, { cause: error });
}

/** Starts the built `sinch-voice-sim` command and waits for its first line. */
export function spawnSimulator(args: string[], options: CommandOptions = {}): Promise<SimulatorProcess> {
  const { child, description } = startCommand(args, options);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(spawnFailure(error, description)));
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (firstLine) => {
      const url = /^listening on (http:\/\/\S+)$/.exec(firstLine)?.[1];
      if (!url) return reject(new Error(`unexpected first line: ${firstLine}`));
      resolve({
        url,
        firstLine,
        child,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
    // 'close', not 'exit': by then stderr has been read to its end.
    child.once('close', (code, signal) => reject(new Error(`simulator exited with ${code ?? signal}: ${stderr}`)));
  });
}

export interface SimulatorOutcome {
  /** The URL of its first line when it started; it was then stopped with SIGKILL. */
  listening?: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the command until it exits, or until it says it listens (then kills it and waits for its exit): a command that
 * should have stopped and did not shows as `listening`, not as a timeout. SIGKILL, because the command may not handle
 * SIGTERM yet when its first line arrives.
 */
export async function runSimulator(args: string[], options: CommandOptions = {}): Promise<SimulatorOutcome> {
  const { child, description } = startCommand(args, options);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let listening: string | undefined;
    child.once('error', (error) => reject(spawnFailure(error, description)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^listening on (http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (url && listening === undefined) {
        listening = url;
        child.kill('SIGKILL');
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code, signal) =>
      resolve({ ...(listening === undefined ? {} : { listening }), code, signal, stderr }),
    );
  });
}

/** Runs the command to its end: for arguments and files it must refuse. One that starts instead fails the caller. */
export async function runSimulatorToExit(
  args: string[],
  options: CommandOptions = {},
): Promise<{ code: number | null; stderr: string }> {
  const { listening, code, stderr } = await runSimulator(args, options);
  if (listening !== undefined)
    throw new Error(`the simulator started (listening on ${listening}) instead of stopping; stderr: ${stderr}`);
  return { code, stderr };
}
