/** Faults injected at rates, replayable by seed, visible in the log and counters, and never on the admin surface. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_A, APP_B, FOREIGN_NUMBER, VOICE_ONLY } from '../support/fixtures';
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
const assign = (applicationKey = APP_B.key) =>
  signedCall(simulator, 'POST', '/v1/configuration/numbers', { numbers: [VOICE_ONLY], applicationkey: applicationKey });
const counters = () =>
  admin<{ counters: Record<string, number>; faults: Record<string, number> }>(simulator, 'GET', 'counters');
const logged = async () =>
  (await admin<{ requests: Array<{ status: number; fault?: string }> }>(simulator, 'GET', 'requests')).requests;

/** Status of each of `count` list calls; 0 when the connection was dropped. */
async function statuses(count: number): Promise<number[]> {
  const answers: number[] = [];
  for (let index = 0; index < count; index += 1)
    answers.push(
      await list().then(
        (answer) => answer.status,
        () => 0,
      ),
    );
  return answers;
}

it("fail rate 1: every API request answers 500 or 503 with Sinch's body, the admin surface none", async () => {
  await start({ chaos: { failRate: 1, seed: 5 } });
  const answers = await Promise.all([list(), list(), list(), list(), list(), list()]);
  for (const answer of answers) {
    expect([500, 503]).toContain(answer.status);
    expect(answer.json).toMatchObject({
      errorCode: answer.status * 100,
      message: expect.any(String),
      reference: expect.any(String),
    });
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
  const outcome = await Promise.race([
    list().then(
      () => 'answered',
      () => 'dropped',
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 500)),
  ]);
  expect(outcome).toBe('still waiting');
  const pending = list().then(
    () => 'answered',
    () => 'dropped',
  );
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

it('lost write: a good write is answered 204 and not applied, a bad one gets its usual error; reads are not affected', async () => {
  await start({ chaos: { lostWriteRate: 1 } });
  expect((await assign()).status).toBe(204);
  expect((await simulatorState(simulator)).bindings).toEqual({});
  expect((await assign('nobody')).json).toMatchObject({ errorCode: 40003 });
  expect(
    (await signedCall(simulator, 'POST', '/v1/configuration/numbers', { numbers: [FOREIGN_NUMBER] })).json,
  ).toMatchObject({ errorCode: 40001 });
  expect((await list()).status).toBe(200);
  expect((await counters()).faults).toEqual({ 'lost-write': 1 });
  expect((await logged()).map((entry) => [entry.status, entry.fault])).toEqual([
    [204, 'lost-write'],
    [400, undefined],
    [400, undefined],
    [200, undefined],
  ]);
});

it('one-shot lost write: the next write only is answered 204 and dropped; reads pass it by; a bad write still gets its error', async () => {
  await start();
  await admin(simulator, 'POST', 'faults', { kind: 'lost-write', count: 2 });
  expect((await list()).status).toBe(200);
  expect((await assign()).status).toBe(204);
  expect((await simulatorState(simulator)).bindings).toEqual({});
  expect((await assign('nobody')).json).toMatchObject({ errorCode: 40003 });
  expect((await assign()).status).toBe(204);
  expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
  expect((await logged()).map((entry) => [entry.status, entry.fault])).toEqual([
    [200, undefined],
    [204, 'injected'],
    [400, undefined],
    [204, undefined],
  ]);
});

it("one-shot lost write on a route: only that route's writes are dropped", async () => {
  await start();
  await admin(simulator, 'POST', 'faults', {
    kind: 'lost-write',
    route: 'POST /v1/configuration/callbacks/applications/{key}',
  });
  expect((await assign()).status).toBe(204);
  const update = await signedCall(simulator, 'POST', `/v1/configuration/callbacks/applications/${APP_A.key}`, {
    url: { primary: 'https://example.com/a' },
  });
  expect(update.status).toBe(204);
  const state = await simulatorState(simulator);
  expect(state.bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
  expect(state.callbacks[APP_A.key]).toBeUndefined();
});

it.each([
  [{ kind: 'lost-write', status: 500 }, /takes no status/],
  [{ kind: 'lost-write', delayMs: 10 }, /takes no status and no delayMs/],
  [{ kind: 'lost-write', route: 'GET /v1/configuration/numbers' }, /must be a write/],
  [{ kind: 'lost', status: 500 }, /kind must be/],
])('POST /_sim/faults %p is refused, naming the problem', async (body, message) => {
  await start();
  const answer = await rawRequest(simulator.url, {
    method: 'POST',
    path: '/_sim/faults',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(400);
  expect((answer.json as { message: string }).message).toMatch(message);
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
    [{ seed: 2 ** 32 }, 'seed'],
    [{ seed: -1 }, 'seed'],
    [{ retryAfterSeconds: 0.5 }, 'retryAfterSeconds'],
    [{ failRate: 0.6, hangRate: 0.5 }, 'failRate + throttleRate + resetRate + hangRate + lostWriteRate add up to 1.1'],
    [{ explode: 1 }, 'explode'],
  ] as const) {
    const answer = await rawRequest(simulator.url, {
      method: 'PUT',
      path: '/_sim/chaos',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toContain(field);
  }
  await admin(simulator, 'DELETE', 'chaos');
  expect((await list()).status).toBe(200);
});

it.each([99, 1000, -1, 1.5, '500', null])(
  'POST /_sim/faults with status %p is refused, and the simulator stays up',
  async (status) => {
    await start();
    const answer = await rawRequest(simulator.url, {
      method: 'POST',
      path: '/_sim/faults',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toMatch(/status must be/);
    expect((await list()).status).toBe(200);
  },
);

describe('sinch-voice-sim chaos flags', () => {
  it('--fail-rate 1 --seed 7 fails every API request', async () => {
    const running = await spawnSimulator([
      '--app',
      `${APP_A.key}:${APP_A.secret}`,
      '--number',
      VOICE_ONLY,
      '--fail-rate',
      '1',
      '--seed',
      '7',
    ]);
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
    ['--seed', '4294967296'],
    ['--retry-after', '1.5'],
    ['--hang-rate', ''],
  ])('%s %s: an error that names the option', async (option, value) => {
    const { code, stderr } = await runSimulatorToExit([option, value]);
    expect(code).not.toBe(0);
    expect(stderr).toContain(option);
  });
});

it('rates that add up to 1 are accepted, even where floating point makes the sum 1.0000000000000002', async () => {
  const chaos = { failRate: 0.2, throttleRate: 0.4, resetRate: 0.3, hangRate: 0.1, failAfterRate: 1 };
  await start({ chaos });
  expect(await admin(simulator, 'GET', 'chaos')).toMatchObject(chaos);
});

it.each([
  [{ failRate: 2 }, /^chaos: failRate must be a number from 0 to 1$/],
  [{ hangRate: 0.5, resetRate: 0.6 }, /^chaos: .* add up to 1\.1/],
  [{ latencyMs: -1 }, /^chaos: latencyMs must be a whole number/],
])('startSimulator refuses chaos %p with a message naming the setting', async (chaos, message) => {
  const outcome = await startTestSimulator({ chaos }).then(
    async (started) => {
      await started.close();
      return 'started';
    },
    (error: Error) => error.message,
  );
  expect(outcome).toMatch(message);
});

it('without a seed, one is picked at random and shown', async () => {
  await start({ chaos: { failRate: 0.5 } });
  const { seed } = await admin<{ seed: number }>(simulator, 'GET', 'chaos');
  expect(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1).toBe(true);
});

it('every fault is in the log entry of its request and in the counters', async () => {
  await start({ chaos: { throttleRate: 1 } });
  await list();
  await list();
  expect((await logged()).map((entry) => [entry.status, entry.fault])).toEqual([
    [429, 'throttle'],
    [429, 'throttle'],
  ]);
  expect(await counters()).toEqual({ counters: { 'GET /v1/configuration/numbers': 2 }, faults: { throttle: 2 } });
});

describe('POST /_sim/reset', () => {
  it('drops chaos put at run time, so that a test that forgets it cannot fail the next', async () => {
    await start();
    await admin(simulator, 'PUT', 'chaos', { failRate: 1 });
    await admin(simulator, 'POST', 'reset');
    expect((await list()).status).toBe(200);
    expect(await admin(simulator, 'GET', 'chaos')).toMatchObject({ failRate: 0 });
  });

  it('keeps chaos given at start, and replays its seed from the beginning', async () => {
    await start({ chaos: { failRate: 0.5, seed: 42 } });
    const first = await statuses(20);
    await admin(simulator, 'POST', 'reset');
    expect(await statuses(20)).toEqual(first);
    expect(await admin(simulator, 'GET', 'chaos')).toMatchObject({ failRate: 0.5, seed: 42 });
  });
});

describe('closing the simulator', () => {
  it('ends delayed requests at once, and none of them takes effect afterwards', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sinch-chaos-'));
    try {
      const file = join(directory, 'state.json');
      await start({ stateFile: file, chaos: { latencyMs: 300 } });
      await admin(simulator, 'POST', 'faults', {
        status: 0,
        delayMs: 600,
        route: 'POST /v1/configuration/callbacks/applications/{key}',
      });
      const written = readFileSync(file, 'utf8');
      const delayedByLatency = assign().catch(() => 'dropped');
      const delayedByFault = signedCall(simulator, 'POST', `/v1/configuration/callbacks/applications/${APP_A.key}`, {
        url: { primary: 'https://late.example.com' },
      }).catch(() => 'dropped');
      await new Promise((resolve) => setTimeout(resolve, 100));
      await simulator.close();
      closed = true;
      expect(await delayedByLatency).toBe('dropped');
      expect(await delayedByFault).toBe('dropped');
      // Past both delays: had either timer outlived the simulator, its write would be in the file by now.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(readFileSync(file, 'utf8')).toBe(written);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** TCP sockets of this process, once no more of them are closing (up to a second). */
async function settledSockets(): Promise<number> {
  const count = () => process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap').length;
  for (let waited = 0; waited < 1_000 && count() > 0; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return count();
}

it('hang: when the client gives up, its connection goes; nothing is kept for it', async () => {
  await start({ chaos: { hangRate: 1 } });
  // Sockets of earlier tests (kept alive by the client's agent) are gone once their simulators closed them.
  const before = await settledSockets();
  const { hostname, port } = new URL(simulator.url);
  const gaveUp = new Promise((resolve) => {
    const outgoing = request({ hostname, port, path: '/v1/configuration/numbers', agent: false }, () =>
      resolve('answered'),
    );
    outgoing.setTimeout(200, () => outgoing.destroy());
    outgoing.on('error', () => resolve('gave up'));
    outgoing.end();
  });
  expect(await gaveUp).toBe('gave up');
  // Both ends: the client's socket and the simulator's; a simulator that held on to the hung request keeps one.
  expect(await settledSockets()).toBe(before);
  expect((await logged()).map((entry) => [entry.status, entry.fault])).toEqual([[0, 'hang']]);
});
