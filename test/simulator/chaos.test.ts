/** Faults injected at rates, replayable by seed, visible in the log and counters, and never on the admin surface. */
import { APP_A, APP_B, VOICE_ONLY } from '../support/fixtures';
import { runSimulatorToExit, spawnSimulator } from '../support/processes';
import { admin, rawRequest, signedCall, simulatorState, startTestSimulator } from '../support/simulator';
import type { RunningSimulator } from '../../simulator';

let simulator!: RunningSimulator;
let closed = true;
/** Each test starts its own simulator; the one still open at the end is closed. */
async function start(options: Parameters<typeof startTestSimulator>[0] = {}): Promise<void> {
  if (!closed) await simulator.close();
  simulator = await startTestSimulator(options);
  closed = false;
}
afterEach(async () => {
  if (!closed) await simulator.close();
  closed = true;
});

const list = () => signedCall(simulator, 'GET', '/v1/configuration/numbers');
const assign = (applicationKey = APP_B.key) => signedCall(simulator, 'POST', '/v1/configuration/numbers', { numbers: [VOICE_ONLY], applicationkey: applicationKey });
const counters = () => admin<{ counters: Record<string, number>; faults: Record<string, number> }>(simulator, 'GET', 'counters');
const logged = async () => (await admin<{ requests: Array<{ status: number; fault?: string }> }>(simulator, 'GET', 'requests')).requests;

/** Status of each of `count` list calls; 0 when the connection was dropped. */
async function statuses(count: number): Promise<number[]> {
  const answers: number[] = [];
  for (let index = 0; index < count; index += 1) answers.push(await list().then((answer) => answer.status, () => 0));
  return answers;
}

it('fail rate 1: every API request answers 500 or 503 with Sinch\'s body, the admin surface none', async () => {
  await start({ chaos: { failRate: 1, seed: 5 } });
  const answers = await Promise.all([list(), list(), list(), list(), list(), list()]);
  for (const answer of answers) {
    expect([500, 503]).toContain(answer.status);
    expect(answer.json).toMatchObject({ errorCode: answer.status * 100, message: expect.any(String), reference: expect.any(String) });
  }
  expect(new Set(answers.map((answer) => answer.status)).size).toBe(2);
  expect((await simulatorState(simulator)).bindings).toEqual({});
  expect((await counters()).faults).toEqual({ fail: 6 });
  expect((await logged()).every((entry) => entry.fault === 'fail')).toBe(true);
});

it('the same seed and the same requests give the same faults; another seed does not', async () => {
  const chaos = { failRate: 0.3, throttleRate: 0.2, resetRate: 0.1, seed: 1234 };
  await start({ chaos });
  const first = await statuses(40);
  await start({ chaos });
  expect(await statuses(40)).toEqual(first);
  expect(first.filter((status) => status === 200).length).toBeGreaterThan(5);
  expect(first).toContain(0);
  expect(first).toContain(429);
  await start({ chaos: { ...chaos, seed: 99 } });
  expect(await statuses(40)).not.toEqual(first);
});

it('throttle: 429 (42900) with a Retry-After header', async () => {
  await start({ chaos: { throttleRate: 1, retryAfterSeconds: 7 } });
  const answer = await list();
  expect(answer.status).toBe(429);
  expect(answer.headers['retry-after']).toBe('7');
  expect(answer.json).toMatchObject({ errorCode: 42900 });
});

it('reset: the connection drops without an answer, and the write does not take effect', async () => {
  await start({ chaos: { resetRate: 1 } });
  await expect(assign()).rejects.toThrow(/socket hang up|ECONNRESET/);
  expect((await simulatorState(simulator)).bindings).toEqual({});
  expect((await counters()).faults).toEqual({ reset: 1 });
});

it('hang: no answer until the client gives up; closing the simulator ends it', async () => {
  await start({ chaos: { hangRate: 1 } });
  const outcome = await Promise.race([list().then(() => 'answered', () => 'dropped'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 500))]);
  expect(outcome).toBe('still waiting');
  const pending = list().then(() => 'answered', () => 'dropped');
  await new Promise((resolve) => setTimeout(resolve, 100));
  await simulator.close();
  closed = true;
  expect(await pending).toBe('dropped');
});

it('fail after: the write takes effect, then the answer is a 500', async () => {
  await start({ chaos: { failAfterRate: 1 } });
  const answer = await assign();
  expect(answer.status).toBe(500);
  expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
  expect((await list()).status).toBe(200);
  expect((await counters()).faults).toEqual({ 'fail-after': 1 });
});

it('lost write: answered 204 (without being checked), not applied; reads are not affected', async () => {
  await start({ chaos: { lostWriteRate: 1 } });
  expect((await assign()).status).toBe(204);
  expect((await simulatorState(simulator)).bindings).toEqual({});
  expect((await list()).status).toBe(200);
  expect((await counters()).faults).toEqual({ 'lost-write': 1 });
});

it('latency is added to every API answer, not to the admin surface', async () => {
  await start({ chaos: { latencyMs: 300 } });
  const started = Date.now();
  await list();
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  const adminStarted = Date.now();
  await simulatorState(simulator);
  expect(Date.now() - adminStarted).toBeLessThan(250);
});

it('chaos is settable at run time, shown, validated field by field, and cleared', async () => {
  await start();
  expect((await list()).status).toBe(200);
  await admin(simulator, 'PUT', 'chaos', { failRate: 1, seed: 3 });
  expect(await admin(simulator, 'GET', 'chaos')).toMatchObject({ failRate: 1, seed: 3, throttleRate: 0 });
  expect([500, 503]).toContain((await list()).status);
  for (const [body, field] of [
    [{ failRate: 1.5 }, 'failRate'],
    [{ throttleRate: -0.1 }, 'throttleRate'],
    [{ latencyMs: 'slow' }, 'latencyMs'],
    [{ seed: 1.5 }, 'seed'],
    [{ explode: 1 }, 'explode'],
  ] as const) {
    const answer = await rawRequest(simulator.url, { method: 'PUT', path: '/_sim/chaos', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toContain(field);
  }
  await admin(simulator, 'DELETE', 'chaos');
  expect((await list()).status).toBe(200);
});

it.each([99, 1000, -1, 1.5, '500', null])('POST /_sim/faults with status %p is refused, and the simulator stays up', async (status) => {
  await start();
  const answer = await rawRequest(simulator.url, { method: 'POST', path: '/_sim/faults', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ status }) });
  expect(answer.status).toBe(400);
  expect((answer.json as { message: string }).message).toMatch(/status must be/);
  expect((await list()).status).toBe(200);
});

describe('sinch-voice-sim chaos flags', () => {
  it('--fail-rate 1 --seed 7 fails every API request', async () => {
    const running = await spawnSimulator(['--app', `${APP_A.key}:${APP_A.secret}`, '--number', VOICE_ONLY, '--fail-rate', '1', '--seed', '7']);
    try {
      const answer = await rawRequest(running.url, { method: 'GET', path: '/v1/configuration/numbers' });
      expect([500, 503]).toContain(answer.status);
      expect(await (await fetch(`${running.url}/_sim/chaos`)).json()).toMatchObject({ failRate: 1, seed: 7 });
    } finally {
      await running.stop();
    }
  });

  it.each([
    ['--fail-rate', '2'],
    ['--throttle-rate', 'often'],
    ['--latency-ms', '-5'],
    ['--seed', 'abc'],
  ])('%s %s: an error that names the option', async (option, value) => {
    const { code, stderr } = await runSimulatorToExit([option, value]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(option);
  });
});
