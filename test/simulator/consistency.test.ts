/** The state the simulator keeps is always one it can load again: checks and writes happen as one step. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { APP_A, APP_B, NUMBERS } from '../support/fixtures';
import { admin, signedCall, type PublicState } from '../support/simulator';

let directory: string;
const running: RunningSimulator[] = [];
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sinch-consistency-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((simulator) => simulator.close()));
  rmSync(directory, { recursive: true, force: true });
});

async function start(stateFile: string): Promise<RunningSimulator> {
  const simulator = await startSimulator({ applications: [APP_A, APP_B], numbers: NUMBERS, stateFile });
  running.push(simulator);
  return simulator;
}

const numberAt = (index: number) => `+1415555${String(index).padStart(4, '0')}`;

it('an assignment racing the removal of its number never leaves a binding to a number the project lacks', async () => {
  const file = join(directory, 'state.json');
  const simulator = await start(file);
  const numbers = Array.from({ length: 30 }, (_, index) => numberAt(index));
  for (const number of numbers) await admin(simulator, 'PUT', 'numbers', { number });
  // The removal is sent first and the assignment right after it, while the removal's write is still under way.
  await Promise.all(
    numbers.flatMap((number) => [
      admin(simulator, 'DELETE', `numbers/${encodeURIComponent(number)}`),
      signedCall(simulator, 'POST', '/v1/configuration/numbers', { numbers: [number], applicationkey: APP_B.key }),
    ]),
  );
  const state = await admin<PublicState>(simulator, 'GET', 'state');
  const owned = new Set(state.numbers.map(({ number }) => number));
  expect(Object.keys(state.bindings).filter((binding) => !owned.has(binding.split('/')[0] ?? ''))).toEqual([]);
  await simulator.close();
  running.splice(0);
  await expect(start(file)).resolves.toBeDefined();
});

it('whatever the simulator accepted, it loads again after a restart (long URLs and keys included)', async () => {
  const file = join(directory, 'state.json');
  const simulator = await start(file);
  const longKey = `app-${'k'.repeat(300)}`;
  const longUrl = `https://voice.example.com/${'p'.repeat(5_000)}`;
  await admin(simulator, 'PUT', 'applications', { key: longKey, secret: 'c2VjcmV0'.repeat(200) });
  await admin(simulator, 'PUT', `callbacks/${longKey}`, { primary: longUrl });
  expect(
    (
      await signedCall(simulator, 'POST', `/v1/configuration/callbacks/applications/${APP_A.key}`, {
        url: { primary: longUrl },
      })
    ).status,
  ).toBe(204);
  await simulator.close();
  running.splice(0);
  const restarted = await start(file);
  expect((await admin<PublicState>(restarted, 'GET', 'state')).callbacks).toMatchObject({
    [longKey]: { primary: longUrl },
    [APP_A.key]: { primary: longUrl },
  });
});
