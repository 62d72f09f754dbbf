/**
 * How many API calls a deployment costs, through the real engine, counted by the simulator: assignments that the
 * engine runs together share assign calls, and a refresh reads the number list once. Times are measured by
 * `npm run bench`, not here.
 */
import { APP_A, APP_B } from '../support/fixtures';
import { admin } from '../support/simulator';
import { scratchScenarios, type DeclaredProgram } from './engine';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const COUNT = 200;
const APPLICATIONS = [APP_A, APP_B];
const numbers = Array.from({ length: COUNT }, (_, index) => `+1415556${String(index).padStart(4, '0')}`);

const scenario = scratchScenarios('calls', async (simulator) => {
  for (const number of numbers) await admin(simulator, 'PUT', 'numbers', { number, capabilities: ['voice', 'sms'] });
});
const { succeed } = stackOperations(scenario);

/** Round-robin over the applications, a quarter of the numbers bound for sms. */
const PROGRAM: DeclaredProgram = {
  numbers: numbers.map((number, index) => ({
    name: `number-${number}`,
    number,
    applicationKey: (APPLICATIONS[index % APPLICATIONS.length] as typeof APP_A).key,
    capability: index % 4 === 3 ? 'sms' : 'voice',
  })),
  callbacks: [],
};

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
