/**
 * How many API calls a deployment costs, through the real engine, counted by the simulator: assignments that the
 * engine runs together share assign calls, and a refresh reads the number list once. Times are measured by
 * `npm run bench`, not here.
 *
 * Through both front ends: the coalescing is the implementation's, and each front end feeds it the engine's flow
 * its own way (the dynamic provider's process, the plugin's gRPC server). The plugin runs 100 bindings rather than
 * 200: every assertion is per (application, capability), and 100 still puts 50 numbers in the largest group, so one
 * call per group or one per number stays far apart; it keeps the plugin's run within the suite's time budget.
 */
import { APP_A, APP_B } from '../support/fixtures';
import { admin } from '../support/simulator';
import { scratchScenarios, type DeclaredProgram } from './engine';
import { DYNAMIC, PLUGIN, type FrontEnd } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const RUNS: Array<{ frontEnd: FrontEnd; count: number }> = [
  { frontEnd: DYNAMIC, count: 200 },
  { frontEnd: PLUGIN, count: 100 },
];
const APPLICATIONS = [APP_A, APP_B];
const numbers = (count: number) =>
  Array.from({ length: count }, (_, index) => `+1415556${String(index).padStart(4, '0')}`);

const scenario = scratchScenarios('calls', async (simulator) => {
  const largest = Math.max(...RUNS.map((run) => run.count));
  for (const number of numbers(largest))
    await admin(simulator, 'PUT', 'numbers', { number, capabilities: ['voice', 'sms'] });
});

/** Round-robin over the applications, a quarter of the numbers bound for sms. */
const program = (count: number): DeclaredProgram => ({
  numbers: numbers(count).map((number, index) => ({
    name: `number-${number}`,
    number,
    applicationKey: (APPLICATIONS[index % APPLICATIONS.length] as typeof APP_A).key,
    capability: index % 4 === 3 ? 'sms' : 'voice',
  })),
  callbacks: [],
});

// Each summary counts the stack itself as one more resource.
const counters = async () => {
  const { counters: counted } = await admin<{ counters: Record<string, number> }>(
    scenario.simulator,
    'GET',
    'counters',
  );
  await admin(scenario.simulator, 'DELETE', 'requests');
  return counted;
};

describe.each(RUNS)('through the $frontEnd.name resources', ({ frontEnd, count: COUNT }) => {
  const { succeed } = stackOperations(scenario, frontEnd);
  const PROGRAM = program(COUNT);

  it(`${COUNT} bindings at --parallel ${COUNT}: at most 2 assign calls per (application, capability), and refresh reads the list at most twice`, async () => {
    await admin(scenario.simulator, 'DELETE', 'requests');
    expect(changes(await succeed('up', PROGRAM, undefined, { parallel: COUNT }))).toEqual({ create: COUNT + 1 });
    const up = await counters();
    // Two applications × two capabilities.
    expect(up['POST /v1/configuration/numbers']).toBeLessThanOrEqual(2 * 4);
    expect(up['GET /v1/configuration/numbers']).toBeLessThanOrEqual(up['POST /v1/configuration/numbers'] as number);

    expect(changes(await succeed('refresh', PROGRAM, undefined, { parallel: COUNT }))).toEqual({ same: COUNT + 1 });
    expect(await counters()).toEqual({ 'GET /v1/configuration/numbers': expect.any(Number) });
    // The same check at the CLI's default parallelism, where reads arrive a few at a time.
    expect(changes(await succeed('refresh', PROGRAM))).toEqual({ same: COUNT + 1 });
    const refresh = await counters();
    expect(Object.keys(refresh)).toEqual(['GET /v1/configuration/numbers']);
    expect(refresh['GET /v1/configuration/numbers']).toBeLessThanOrEqual(2);

    expect(await succeed('preview', PROGRAM)).toBeDefined();
    expect(await counters()).toEqual({});

    expect(changes(await succeed('destroy', PROGRAM))).toEqual({ delete: COUNT + 1 });
    const destroy = await counters();
    expect(destroy['DELETE /v1/configuration/numbers']).toBe(COUNT);
    expect(destroy['GET /v1/configuration/numbers']).toBeLessThanOrEqual(2);
  });
});
