import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const SIMULATOR_CLI = join(__dirname, '..', '..', 'dist', 'simulator', 'cli.js');

export interface SimulatorProcess {
  url: string;
  firstLine: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built `sinch-voice-sim` command and waits for its first line. */
export function spawnSimulator(args: string[]): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [SIMULATOR_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
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
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${stderr}`)));
  });
}

/** Runs the command to its end: for argument errors. */
export function runSimulatorToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SIMULATOR_CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}
