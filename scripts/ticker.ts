/**
 * A line on stderr at least every PROGRESS_SECONDS (15) while a blocking first-run step runs (a runtime fetched from
 * the npm registry, Python packages from PyPI), so that the minutes it may take are not silent. The lines come from
 * a small child process, since the step blocks this one; it ends with the step.
 */
import { spawn } from 'node:child_process';

export function withTicker<T>(what: string, step: () => T): T {
  const every = Number(process.env.PROGRESS_SECONDS ?? '15') * 1000;
  // It also ends when its input closes, which is when this process ends, however it ends.
  const source =
    "process.stdin.on('end', () => process.exit()).resume(); const started = Date.now(); " +
    'setInterval(() => process.stderr.write(' +
    `${JSON.stringify(`${what}: `)} + Math.round((Date.now() - started) / 1000) + ' s so far\\n'), ${every});`;
  const ticker = spawn(process.execPath, ['-e', source], { stdio: ['pipe', 'ignore', 'inherit'] });
  try {
    return step();
  } finally {
    ticker.kill();
  }
}
