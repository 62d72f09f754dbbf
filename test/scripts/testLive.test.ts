/**
 * The gate of the live suite (`npm run test:live`, scripts/testLive.ts): without its variables the suite does not
 * run, says why and exits 77 (never 0); `npm test` never runs it; and, pointed at the simulator, the suite passes and
 * leaves every binding and URL as it found them.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '../../simulator';
import { APP_A, APP_B, expectNoSecret, SMS_ONLY, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator } from '../support/simulator';

jest.setTimeout(5 * 60_000);

const REPOSITORY = join(__dirname, '..', '..');
const GATE = join(REPOSITORY, 'dist', 'scripts', 'testLive.js');
const JEST = join(REPOSITORY, 'node_modules', 'jest', 'bin', 'jest.js');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with exactly these SINCH_ variables: none leak in from the machine. */
function run(args: string[], variables: Record<string, string> = {}): Promise<Outcome> {
  // Ended well before the test's own timeout, so that no run outlives the test that started it.
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_')));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      {
        cwd: REPOSITORY,
        env: { ...base, ...variables },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 4 * 60_000,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        // A command that did not start has a string code (ENOENT): fail with it rather than compare NaN.
        if (error && typeof error.code !== 'number' && !error.killed)
          return reject(new Error(`${args.join(' ')} did not run: ${error.message}`));
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

const NOT_RUN =
  'live suite did not run: SINCH_LIVE_APPLICATION_KEY, SINCH_LIVE_APPLICATION_SECRET, SINCH_LIVE_NUMBERS not set (see test/live/README.md)\n';

it('npm run test:live is the gate, built before it runs', () => {
  const { scripts } = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(scripts['test:live']).toBe('node dist/scripts/testLive.js');
  expect(scripts['pretest:live']).toBe('npm run build');
});

it('without its variables: says it did not run and why, exits 77, and starts no test', async () => {
  expect(await run([GATE])).toEqual({ code: 77, stdout: '', stderr: NOT_RUN });
});

it('empty variables count as unset, and only the missing ones are named', async () => {
  const outcome = await run([GATE], {
    SINCH_LIVE_APPLICATION_KEY: APP_A.key,
    SINCH_LIVE_APPLICATION_SECRET: ' ',
    SINCH_LIVE_NUMBERS: '',
  });
  expect(outcome).toEqual({
    code: 77,
    stdout: '',
    stderr:
      'live suite did not run: SINCH_LIVE_APPLICATION_SECRET, SINCH_LIVE_NUMBERS not set (see test/live/README.md)\n',
  });
});

it('invalid variables: says it did not run and why, exits 2, never repeats the secret', async () => {
  const outcome = await run([GATE], {
    SINCH_LIVE_APPLICATION_KEY: APP_A.key,
    SINCH_LIVE_APPLICATION_SECRET: APP_A.secret,
    SINCH_LIVE_NUMBERS: `${VOICE_ONLY},12015550100`,
  });
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toMatch(/^live suite did not run: SINCH_LIVE_NUMBERS: "12015550100" is not in E\.164 form/);
  expectNoSecret(outcome.stdout + outcome.stderr, APP_A.secret);
});

it('jest run directly on the live config, without the variables, fails with the same reason: it never passes', async () => {
  const outcome = await run([JEST, '--config', join(REPOSITORY, 'jest.live.config.js')]);
  expect(outcome.code).not.toBe(0);
  expect(outcome.stdout + outcome.stderr).toContain(
    'live suite did not run: SINCH_LIVE_APPLICATION_KEY, SINCH_LIVE_APPLICATION_SECRET, SINCH_LIVE_NUMBERS not set',
  );
});

it('npm test never collects the live suite; the live config collects only it', async () => {
  const listed = async (config: string) =>
    (await run([JEST, '--config', join(REPOSITORY, config), '--listTests'])).stdout
      .split('\n')
      .filter(Boolean)
      .map((file) => file.slice(REPOSITORY.length + 1))
      .sort();
  const ordinary = await listed('jest.config.js');
  expect(ordinary.filter((file) => file.startsWith('test/live/'))).toEqual([]);
  expect(ordinary).toContain('test/scripts/testLive.test.ts');
  expect(await listed('jest.live.config.js')).toEqual([
    'test/live/behaviours.test.ts',
    'test/live/client.test.ts',
    'test/live/lifecycle.test.ts',
  ]);
});

describe('pointed at the simulator', () => {
  let simulator: RunningSimulator;
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(() => simulator.close());

  it('runs every live test (none skipped with a second application and numbers of each kind), passes, and leaves what it found', async () => {
    // What a real account might look like: an allowed number held by the other application, one by this one, URLs on both.
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'sms' });
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_A.key });
    await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, {
      primary: 'https://prod.example.com/a',
      fallback: 'https://prod-backup.example.com/a',
    });
    await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://prod.example.com/b' });
    const before = await simulatorState(simulator);

    const outcome = await run([GATE, '--verbose'], {
      SINCH_LIVE_APPLICATION_KEY: APP_A.key,
      SINCH_LIVE_APPLICATION_SECRET: APP_A.secret,
      SINCH_LIVE_NUMBERS: [VOICE_ONLY, VOICE_AND_SMS, SMS_ONLY].join(','),
      SINCH_LIVE_OTHER_APPLICATION_KEY: APP_B.key,
      SINCH_LIVE_BASE_URL: simulator.url,
    });
    const summary = /^Tests: .*$/m.exec(outcome.stderr)?.[0];
    if (outcome.code !== 0)
      throw new Error(`the live suite failed against the simulator:\n${outcome.stderr.slice(-4000)}`);
    expect(summary).toMatch(/^Tests: +26 passed, 26 total$/);
    expect(await simulatorState(simulator)).toEqual(before);
    // The same state because it was restored, not because nothing was written.
    const writes = (
      await admin<{ requests: Array<{ method: string; path: string }> }>(simulator, 'GET', 'requests')
    ).requests.filter((entry) => entry.method !== 'GET');
    expect(writes.length).toBeGreaterThan(20);
    expectNoSecret(outcome.stdout + outcome.stderr, APP_A.secret);
  });
});
