/** scripts/ticker.ts: a line at least every PROGRESS_SECONDS while a blocking step runs, and none after it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

it('says how long a blocking step has run, while it runs, and stops with it', () => {
  // A step that blocks its process for 2.5 seconds, with a line every second: at least one line, about that step.
  const script = [
    `const { withTicker } = require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'scripts', 'ticker.js'))});`,
    "const answer = withTicker('fetching a thing', () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500); return 42; });",
    'process.stdout.write(String(answer));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', script], {
    env: { ...process.env, PROGRESS_SECONDS: '1' },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('42');
  const lines = result.stderr.trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(1);
  for (const line of lines) expect(line).toMatch(/^fetching a thing: \d+ s so far$/);
});
