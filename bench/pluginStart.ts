/**
 * How long the plugin takes from its start to the line that gives the engine its port: the engine starts one plugin
 * process per provider instance and per operation, so this is paid many times. Measured for today's plugin
 * (bin/pulumi-resource-sinch: the built dist/, hundreds of files, on the Node.js running the benchmark) and for the
 * archived one of `npm run plugin:pack` (one bundled file, on the archive's own runtime), in turns, so that both meet
 * the same load.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPlugin, type Platform } from '../scripts/pluginPack';

export interface StartFigures {
  runs: number;
  /** Milliseconds from spawn to the port line: least, median, largest. */
  today: { min: number; median: number; max: number };
  archived: { min: number; median: number; max: number };
}

/** An address where no engine listens: the plugin prints its port before it talks to the engine. */
const NO_ENGINE = '127.0.0.1:1';

function timeToPort(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args, NO_ENGINE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => {
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
      child.kill('SIGKILL');
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== null)
        reject(new Error(`the plugin exited with ${code} before its port line: ${stderr.slice(-500)}`));
    });
  });
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value);
  return {
    min: round(sorted[0] as number),
    median: round(sorted[Math.floor(sorted.length / 2)] as number),
    max: round(sorted.at(-1) as number),
  };
};

export async function measurePluginStart(
  repository: string,
  runs: number,
  log: (line: string) => void,
): Promise<StartFigures> {
  const scratch = mkdtempSync(join(tmpdir(), 'sinch-plugin-start-'));
  try {
    const platform = `${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}` as Platform;
    log(`plugin start: packing the ${platform} archive`);
    const [archive] = packPlugin({ out: scratch, platforms: [platform] });
    execFileSync('tar', ['-xzf', archive as string, '-C', scratch]);
    const archived = join(scratch, 'pulumi-resource-sinch');
    const today = join(repository, 'bin', 'pulumi-resource-sinch');
    // One start of each first, unmeasured: the disk cache, as the engine's first start of a deployment warms it.
    await timeToPort(process.execPath, [today]);
    await timeToPort(archived, []);
    const figures = { today: [] as number[], archived: [] as number[] };
    for (let run = 0; run < runs; run += 1) {
      figures.today.push(await timeToPort(process.execPath, [today]));
      figures.archived.push(await timeToPort(archived, []));
    }
    const result = { runs, today: spread(figures.today), archived: spread(figures.archived) };
    log(
      `plugin start to its port line, median of ${runs}: today's ${result.today.median} ms, archived ${result.archived.median} ms`,
    );
    return result;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
