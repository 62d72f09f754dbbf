/**
 * `npm run test:live`: the live suite (test/live) against the real Sinch API, when the SINCH_LIVE_ variables say
 * which account and which numbers it may use. Without them it does not run, says so and why, and exits 77: the code
 * test harnesses (automake, meson) read as "skipped", and any shell as a failure, so that a suite that did not run is
 * never taken for one that passed. Invalid variables exit 2. Otherwise the exit code is jest's (0 all passed).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { liveVariables, notRunMessage } from './liveVariables';

/** Exit code of a live suite that did not run because its variables are not set. */
const LIVE_SUITE_NOT_RUN = 77;
/** Exit code of a live suite that did not run because its variables are invalid. */
const LIVE_SUITE_MISCONFIGURED = 2;

const REPOSITORY = join(__dirname, '..', '..');

function main(): void {
  const variables = liveVariables(process.env);
  if (!variables.run) {
    process.stderr.write(`${notRunMessage(variables.reason)}\n`);
    process.exitCode = variables.problem === 'missing' ? LIVE_SUITE_NOT_RUN : LIVE_SUITE_MISCONFIGURED;
    return;
  }
  const target = variables.settings.baseUrl ?? 'https://callingapi.sinch.com';
  process.stderr.write(
    `live suite: against ${target}, may rebind ${variables.settings.numbers.join(', ')} and restores what it finds\n`,
  );
  // One test file at a time: they all work on the same numbers and URLs of one real account.
  const jest = spawn(
    process.execPath,
    [
      require.resolve('jest/bin/jest'),
      '--config',
      join(REPOSITORY, 'jest.live.config.js'),
      '--runInBand',
      ...process.argv.slice(2),
    ],
    {
      cwd: REPOSITORY,
      stdio: 'inherit',
    },
  );
  jest.once('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

main();
