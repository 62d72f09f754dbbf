import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SinchConfigurationClient } from '../../provider';
import { SAMPLE_APPLICATIONS } from '../../simulator';
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { runSimulatorToExit, spawnSimulator, type SimulatorProcess } from '../support/processes';

const ARGS = ['--port', '0', '--app', `${APP_A.key}:${APP_A.secret}`, '--app', `${APP_B.key}:${APP_B.secret}`, '--number', VOICE_ONLY, '--number', VOICE_ONLY_2, '--number', `${VOICE_AND_SMS}:voice,sms`];

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

const client = (url: string) => new SinchConfigurationClient({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: url, maxRetries: 0 });

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
    await client(running.url).updateCallbacks(APP_B.key, { primary: 'https://example.com/a', fallback: 'https://example.com/b' });
    const before = await client(running.url).listNumbers();
    await running.stop();

    running = await spawnSimulator([...ARGS, '--state', stateFile]);
    expect(await client(running.url).listNumbers()).toEqual(before);
    expect(await client(running.url).getCallbacks(APP_B.key)).toEqual({ primary: 'https://example.com/a', fallback: 'https://example.com/b' });
  });

  it('a crash in the middle of writes leaves a state file that loads', async () => {
    const stateFile = join(directory, 'state.json');
    running = await spawnSimulator([...ARGS, '--state', stateFile]);
    const api = client(running.url);
    const writes = Array.from({ length: 60 }, (_, index) =>
      api.updateCallbacks(APP_A.key, { primary: `https://example.com/${index}` }).catch(() => undefined),
    );
    await Promise.all(writes.slice(0, 5));
    await running.stop('SIGKILL');
    await Promise.all(writes);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { version: number };
    expect(saved.version).toBe(1);
    running = await spawnSimulator([...ARGS, '--state', stateFile]);
    expect((await client(running.url).getCallbacks(APP_A.key)).primary).toMatch(/^https:\/\/example\.com\/\d+$/);
  });

  it('with no applications or numbers it loads the sample data', async () => {
    running = await spawnSimulator(['--port', '0']);
    const [sample] = SAMPLE_APPLICATIONS;
    const sampleClient = new SinchConfigurationClient({ applicationKey: sample!.key, applicationSecret: sample!.secret, baseUrl: running.url });
    expect((await sampleClient.listNumbers()).length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    [['--number', '12015550100'], /--number.*not an E\.164 number/],
    [['--number', '+12015550100:fax'], /capabilities must be among voice, sms/],
    [['--app', 'no-secret'], /--app.*expected KEY:SECRET/],
    [['--port', 'eighty'], /--port.*expected a port/],
  ])('refuses %p with a message naming the option', async (args, message) => {
    const { code, stderr } = await runSimulatorToExit(args);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(message);
  });
});
