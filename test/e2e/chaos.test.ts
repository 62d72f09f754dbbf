/**
 * The whole lifecycle through the real engine against a simulator that fails, throttles and drops connections at
 * rates, and an up killed halfway: every operation ends in the declared state, nothing is lost, nothing of another
 * application is touched. The figures (faults injected, requests made) go to test-results/chaos.json for docs/reliability.md.
 *
 * Through both front ends: the dynamic resources with three seeds, the plugin with one (11), which keeps its run
 * within the suite's time budget; the retries and read-backs that make faults good are the implementation's, which
 * the three seeds exercise, and the plugin's seed shows that its front end loses nothing on the way (errors, retries
 * and answers through its gRPC server). The up killed halfway runs through the dynamic resources; ownership.test.ts
 * has the same kill for one number.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_A, APP_B } from '../support/fixtures';
import { admin, simulatorState } from '../support/simulator';
import { scratchScenarios, type DeclaredProgram } from './engine';
import { DYNAMIC, PLUGIN, type FrontEnd } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(60 * 60_000);

const APP_C = { key: '0c0c0c0c-1111-4222-8333-444444444444', secret: 'c2VjcmV0LWMtY2hhb3M=' };
const APPLICATIONS = [APP_A.key, APP_B.key, APP_C.key];
const DECLARED_COUNT = 100;
/** Numbers of the project that the stack does not declare, bound to an application before the stack runs. */
const FOREIGN_COUNT = 10;
const numberAt = (index: number) => `+1415555${String(index).padStart(4, '0')}`;
const declaredNumbers = Array.from({ length: DECLARED_COUNT }, (_, index) => numberAt(index));
const foreignNumbers = Array.from({ length: FOREIGN_COUNT }, (_, index) => numberAt(DECLARED_COUNT + index));

const scenario = scratchScenarios('chaos', async (simulator) => {
  await admin(simulator, 'PUT', 'applications', APP_C);
  for (const number of [...declaredNumbers, ...foreignNumbers]) await admin(simulator, 'PUT', 'numbers', { number });
  for (const number of foreignNumbers) await admin(simulator, 'PUT', 'bindings', { number, applicationKey: APP_C.key });
});

/** Number i goes to application (i + shift) mod 3; each application has its callbacks. */
function declaration(shift: number, version = 1): DeclaredProgram {
  return {
    numbers: declaredNumbers.map((number, index) => ({
      name: `number-${number}-voice`,
      number,
      applicationKey: APPLICATIONS[(index + (index % 3 === 0 ? shift : 0)) % 3] as string,
    })),
    callbacks: APPLICATIONS.map((applicationKey) => ({
      name: `callbacks-${applicationKey}`,
      applicationKey,
      primary: `https://voice.example.com/v${version}/${applicationKey}`,
    })),
  };
}

function expectedState(program: DeclaredProgram): {
  bindings: Record<string, string>;
  callbacks: Record<string, { primary: string }>;
} {
  return {
    bindings: {
      ...Object.fromEntries(
        program.numbers.map((binding) => [`${binding.number}/voice`, binding.applicationKey as string]),
      ),
      ...Object.fromEntries(foreignNumbers.map((number) => [`${number}/voice`, APP_C.key])),
    },
    callbacks: Object.fromEntries(
      program.callbacks.map((urls) => [urls.applicationKey as string, { primary: urls.primary }]),
    ),
  };
}

interface Figures {
  frontEnd: string;
  seed: number;
  operations: string[];
  requests: number;
  /** Requests answered 2xx; the rest were faults that a retry or a read-back round made good. */
  answered2xx: number;
  faults: Record<string, number>;
  bindingsVerified: number;
}
const figures: Figures[] = [];
afterAll(() => {
  const directory = join(__dirname, '..', '..', 'test-results');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'chaos.json'), `${JSON.stringify(figures, null, 2)}\n`);
});

const RUNS: Array<{ frontEnd: FrontEnd; seed: number }> = [
  { frontEnd: DYNAMIC, seed: 11 },
  { frontEnd: DYNAMIC, seed: 23 },
  { frontEnd: DYNAMIC, seed: 47 },
  { frontEnd: PLUGIN, seed: 11 },
];

describe.each(RUNS)(
  'through the $frontEnd.name resources, chaos with seed $seed: fail 0.2, fail after 0.05, throttle 0.05, reset 0.02',
  ({ frontEnd, seed }) => {
    const { succeed, bindingsAndCallbacks: liveState } = stackOperations(scenario, frontEnd);
    it('up, refresh after drift, move a third, destroy: each succeeds in one run and ends in the declared state', async () => {
      await admin(scenario.simulator, 'PUT', 'chaos', {
        failRate: 0.2,
        failAfterRate: 0.05,
        throttleRate: 0.05,
        resetRate: 0.02,
        seed,
      });
      const first = declaration(0);
      expect(changes(await succeed('up', first))).toEqual({ create: DECLARED_COUNT + 4 });
      expect(await liveState()).toEqual(expectedState(first));

      // Drift made in the dashboard (the admin surface is never faulted): refresh records it and writes nothing.
      await admin(scenario.simulator, 'PUT', 'bindings', { number: numberAt(1), applicationKey: APP_C.key });
      await admin(scenario.simulator, 'DELETE', 'bindings', { number: numberAt(2) });
      await admin(scenario.simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://drift.example.com/voice' });
      const drifted = await liveState();
      const logged = async () =>
        (
          await admin<{ requests: Array<{ method: string; status: number; route: string }> }>(
            scenario.simulator,
            'GET',
            'requests',
          )
        ).requests;
      const before = (await logged()).length;
      const refresh = changes(await succeed('refresh', first));
      expect(refresh).toMatchObject({ update: 2, delete: 1 });
      expect(await liveState()).toEqual(drifted);
      expect((await logged()).slice(before).filter((entry) => entry.method !== 'GET' && entry.status < 300)).toEqual(
        [],
      );

      // Up restores the declaration; then a third of the numbers move, and the callback URLs change.
      await succeed('up', first);
      expect(await liveState()).toEqual(expectedState(first));
      const moved = declaration(1, 2);
      await succeed('up', moved);
      expect(await liveState()).toEqual(expectedState(moved));

      await succeed('destroy', moved);
      expect(await liveState()).toEqual({
        bindings: Object.fromEntries(foreignNumbers.map((number) => [`${number}/voice`, APP_C.key])),
        callbacks: {},
      });

      const counters = await admin<{ counters: Record<string, number>; faults: Record<string, number> }>(
        scenario.simulator,
        'GET',
        'counters',
      );
      const answered = (await logged()).filter((entry) => entry.status >= 200 && entry.status < 300).length;
      figures.push({
        frontEnd: frontEnd.name,
        seed,
        operations: ['up', 'refresh', 'up', 'up (a third moved)', 'destroy'],
        requests: Object.values(counters.counters).reduce((sum, count) => sum + count, 0),
        answered2xx: answered,
        faults: counters.faults,
        bindingsVerified: 5 * (DECLARED_COUNT + FOREIGN_COUNT),
      });
      expect(Object.values(counters.faults).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(50);
    });
  },
);

describe.each([DYNAMIC])('through the $name resources', (frontEnd) => {
  const { start, succeed, bindingsAndCallbacks: liveState } = stackOperations(scenario, frontEnd);
  it('an up of 100 bindings killed halfway (the whole process group): `pulumi cancel` and `pulumi up` end in the declared state', async () => {
    await admin(scenario.simulator, 'PUT', 'chaos', { latencyMs: 100 });
    const program = declaration(0);
    const running = start('up', program);
    for (;;) {
      const bound = Object.keys((await simulatorState(scenario.simulator)).bindings).length - FOREIGN_COUNT;
      if (bound >= DECLARED_COUNT / 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    running.killGroup();
    expect(await running.result).toMatchObject({ ok: false, message: 'killed by SIGKILL' });
    const halfway = Object.keys((await simulatorState(scenario.simulator)).bindings).length - FOREIGN_COUNT;
    expect(halfway).toBeLessThan(DECLARED_COUNT);

    await admin(scenario.simulator, 'DELETE', 'chaos');
    await succeed('cancel', program);
    await succeed('up', program);
    expect(await liveState()).toEqual(expectedState(program));
    const refresh = changes(await succeed('refresh', program));
    expect(Object.keys(refresh).filter((kind) => kind !== 'same')).toEqual([]);
    await succeed('destroy', program);
    // The numbers whose create the kill interrupted were adopted by the retried up and stay bound; nothing else does.
    const left = (await simulatorState(scenario.simulator)).bindings;
    for (const number of foreignNumbers) expect(left[`${number}/voice`]).toBe(APP_C.key);
    for (const [key, application] of Object.entries(left)) {
      if (!foreignNumbers.some((number) => key.startsWith(number)))
        expect(application).toBe(expectedState(program).bindings[key]);
    }
  });
});
