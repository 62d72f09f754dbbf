/**
 * scripts/progress.sh, which `npm run pulumi:ensure` runs its first-time Go builds through: a line at least every
 * PROGRESS_SECONDS while the build runs, with the modules fetched and packages compiled so far; the build's own output
 * only when it fails, with its exit code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'progress.sh');

function withProgress(command: string): { status: number | null; stderr: string } {
  const result = spawnSync(
    'bash',
    ['-c', `source "${SCRIPT}"; with_progress "building the thing" bash -c '${command}'`],
    {
      env: { ...process.env, PROGRESS_SECONDS: '1' },
      encoding: 'utf8',
    },
  );
  return { status: result.status, stderr: result.stderr };
}

it('says what the build does while it runs, and when it is done, without its own output', () => {
  // The build runs for 3 seconds at least, so that at least one interval of 1 second passes.
  const { status, stderr } = withProgress(
    'echo "go: downloading example.com/a v1.0.0"; echo example.com/a/one; sleep 3; echo example.com/a/two',
  );
  expect(status).toBe(0);
  const lines = stderr.trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(
    lines
      .slice(0, -1)
      .every((line) =>
        /^pulumi:ensure: building the thing: \d+ s: 1 modules fetched, [12] packages compiled \(now: example\.com\/a\/(one|two)\)$/.test(
          line,
        ),
      ),
  ).toBe(true);
  expect(lines.at(-1)).toMatch(/^pulumi:ensure: building the thing: done in \d+ s$/);
  expect(stderr).not.toContain('go: downloading');
});

it('shows the build output and its exit code when it fails', () => {
  const { status, stderr } = withProgress('echo "compile error: x.go:1: undefined: y"; exit 3');
  expect(status).toBe(3);
  expect(stderr).toMatch(/building the thing failed after \d+ s:\ncompile error: x\.go:1: undefined: y/);
});
