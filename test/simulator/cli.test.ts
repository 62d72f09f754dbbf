import { mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SinchConfigurationClient } from '../../provider';
import { SAMPLE_APPLICATIONS } from '../../simulator';
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { runSimulatorToExit, spawnSimulator, type SimulatorProcess } from '../support/processes';

const ARGS = [
  '--port',
  '0',
  '--app',
  `${APP_A.key}:${APP_A.secret}`,
  '--app',
  `${APP_B.key}:${APP_B.secret}`,
  '--number',
  VOICE_ONLY,
  '--number',
  VOICE_ONLY_2,
  '--number',
  `${VOICE_AND_SMS}:voice,sms`,
];

let directory: string;
let running: SimulatorProcess | undefined;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sinch-sim-'));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(directory, { recursive: true, force: true });
});

const client = (url: string) =>
  new SinchConfigurationClient({
    applicationKey: APP_A.key,
    applicationSecret: APP_A.secret,
    baseUrl: url,
    maxRetries: 0,
  });

describe('sinch-voice-sim', () => {
  it('prints exactly "listening on http://HOST:PORT" first, and serves the numbers it was given', async () => {
    running = await spawnSimulator(ARGS);
    expect(running.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(await client(running.url).listNumbers()).toEqual([
      { number: VOICE_ONLY, capability: 'voice' },
      { number: VOICE_ONLY_2, capability: 'voice' },
      { number: VOICE_AND_SMS, capability: 'voice' },
      { number: VOICE_AND_SMS, capability: 'sms' },
    ]);
  });

  it('a restart with --state keeps every assignment and callback', async () => {
    const stateFile = join(directory, 'state.json');
    running = await spawnSimulator([...ARGS, '--state', stateFile]);
    await client(running.url).assignNumbers({ numbers: [VOICE_ONLY, VOICE_ONLY_2], applicationKey: APP_B.key });
    await client(running.url).assignNumbers({ numbers: [VOICE_AND_SMS], capability: 'sms' });
    await client(running.url).updateCallbacks(APP_B.key, {
      primary: 'https://example.com/a',
      fallback: 'https://example.com/b',
    });
    const before = await client(running.url).listNumbers();
    await running.stop();

    running = await spawnSimulator([...ARGS, '--state', stateFile]);
    expect(await client(running.url).listNumbers()).toEqual(before);
    expect(await client(running.url).getCallbacks(APP_B.key)).toEqual({
      primary: 'https://example.com/a',
      fallback: 'https://example.com/b',
    });
  });

  it('a SIGKILL in the middle of a state write leaves a file that loads, with every answered write in it', async () => {
    const stateFile = join(directory, 'state.json');
    // Tens of megabytes of state, so that each write lasts long enough for a kill to land inside it.
    const bulk = `https://example.com/${'x'.repeat(16 << 20)}`;
    writeFileSync(
      stateFile,
      JSON.stringify({
        version: 1,
        applications: [APP_A, APP_B],
        numbers: [],
        bindings: {},
        callbacks: { [APP_B.key]: { primary: bulk } },
      }),
    );
    let sent = 0;
    for (let round = 0; round < 3; round += 1) {
      const simulator = await spawnSimulator([...ARGS, '--state', stateFile]);
      running = simulator;
      const api = client(simulator.url);
      // Two writes go through; then the first change in the directory (the next write starting) sets off the kill.
      let armed = false;
      const watcher = watch(directory, () => {
        if (armed) simulator.child.kill('SIGKILL');
      });
      let answered = 0;
      try {
        for (let writes = 0; writes < 20; writes += 1) {
          armed = writes >= 2;
          sent += 1;
          const ok = await api.updateCallbacks(APP_A.key, { primary: `https://example.com/${sent}` }).then(
            () => true,
            () => false,
          );
          if (!ok) break;
          answered = sent;
        }
        await running.stop('SIGKILL');
      } finally {
        watcher.close();
      }
      running = await spawnSimulator([...ARGS, '--state', stateFile]);
      // The write under way when the kill came is there whole or not at all, and every answered write is there.
      const { primary } = await client(running.url).getCallbacks(APP_A.key);
      expect([`https://example.com/${answered}`, `https://example.com/${answered + 1}`]).toContain(primary);
      await running.stop();
      running = undefined;
    }
  }, 60_000);

  it('with no applications or numbers it loads the sample data', async () => {
    running = await spawnSimulator(['--port', '0']);
    const [sample] = SAMPLE_APPLICATIONS;
    const sampleClient = new SinchConfigurationClient({
      applicationKey: sample!.key,
      applicationSecret: sample!.secret,
      baseUrl: running.url,
    });
    expect((await sampleClient.listNumbers()).length).toBeGreaterThanOrEqual(4);
  });

  it('--unknown-application-status 404 answers an unknown application 404/40400', async () => {
    running = await spawnSimulator([...ARGS, '--unknown-application-status', '404']);
    const error = await client(running.url)
      .getCallbacks('0c0c0c0c-1111-4222-8333-444444444444')
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(error).toMatchObject({ status: 404, errorCode: 40400 });
  });

  it.each([
    [['--number', '12015550100'], /--number.*not an E\.164 number/],
    [['--number', '+12015550100:fax'], /capabilities must be among voice, sms/],
    [['--app', 'no-secret'], /--app.*expected KEY:SECRET/],
    [['--port', 'eighty'], /--port.*expected a port/],
    [['--unknown-application-status', '403'], /--unknown-application-status.*must be 400 or 404/],
  ])('refuses %p with a message naming the option', async (args, message) => {
    const { code, stderr } = await runSimulatorToExit(args);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  });
});
