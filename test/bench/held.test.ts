/** Where the provider held the engine, from a trace: the figures, and the table's lines of them. */
import { stepFigures, type EngineFigures, type RunFigures } from '../../bench/engine/figures';
import { heldFigures } from '../../bench/engine/held';
import { engineTable } from '../../bench/engine/markdown';
import { runWith } from './runs';

/** A trace as the provider writes it: `t` in milliseconds. */
const at = (t: number, event: string, method?: string) => ({ t, event, ...(method ? { method } : {}) });

describe('heldFigures', () => {
  // A room of two: two creates gather (a window), go out in one assign call, then one read-back list call.
  const round = [
    at(0, 'begin', 'check'),
    at(1, 'end', 'check'),
    at(100, 'begin', 'create'),
    at(200, 'begin', 'create'),
    at(250, 'assign sent'),
    at(300, 'assign answered'),
    at(310, 'list sent'),
    at(400, 'list answered'),
    at(401, 'end', 'create'),
    at(401, 'end', 'create'),
    at(500, 'begin', 'delete'),
    at(510, 'unassign sent'),
    at(530, 'unassign answered'),
    at(540, 'end', 'delete'),
  ];

  it('the engine stood still while every worker was inside the provider, by what the provider waited on', () => {
    const figures = heldFigures(round, 2);
    expect(figures.traced).toBe(0.54);
    // Both creates inside from 200 to 401: no call until 250, the assign until 300, no call for 10 ms, the list
    // 310–400, no call for 1 ms.
    expect(figures.engineStill).toEqual({ window: 0.061, assign: 0.05, readBack: 0.09, unassign: 0 });
    // Worker-seconds: one create alone 100–200 and both after, each moment times the operations inside; the delete
    // held 40 ms, 20 of them at its unassign call.
    expect(figures.held).toEqual({ window: 0.242, assign: 0.1, readBack: 0.18, unassign: 0.02 });
  });

  it('in a room wider than what ran at once, the engine never stood still', () => {
    expect(heldFigures(round, 3).engineStill).toEqual({ window: 0, assign: 0, readBack: 0, unassign: 0 });
  });

  it('a failed call ends as an answered one does', () => {
    const failed = [
      at(0, 'begin', 'create'),
      at(10, 'assign sent'),
      at(20, 'assign failed'),
      at(30, 'list sent'),
      at(40, 'list failed'),
      at(50, 'end', 'create'),
    ];
    expect(heldFigures(failed, 1).engineStill).toEqual({ window: 0.03, assign: 0.01, readBack: 0.01, unassign: 0 });
  });

  it('checks and diffs hold no worker', () => {
    const checks = [at(0, 'begin', 'check'), at(50, 'begin', 'diff'), at(100, 'end', 'diff'), at(200, 'end', 'check')];
    expect(heldFigures(checks, 1).held).toEqual({ window: 0, assign: 0, readBack: 0, unassign: 0 });
  });
});

it('the table: with traces, a line per step of how long the engine stood still, against the step and its time over the floor', () => {
  const held = (still: number) => ({
    traced: 9,
    engineStill: { window: 0.5, assign: still, readBack: 1, unassign: 0 },
    held: { window: 20, assign: 4, readBack: 6, unassign: 0 },
  });
  const runOf = (seconds: number, still: number): RunFigures => ({
    calls: {},
    seconds,
    floorSeconds: 8,
    cpu: { provider: { program: 0, engine: 0 }, floor: { program: 0, engine: 0 } },
    held: held(still),
  });
  const step = stepFigures([runOf(10, 0.5), runOf(12, 1.5), runOf(11, 1)]);
  const untraced = stepFigures([{ ...runOf(10, 0), held: undefined }]);
  const result: EngineFigures = {
    n: 500,
    providerBytesPerResource: 281,
    floorProviderBytesPerResource: 257,
    up: step,
    preview: untraced,
    refresh: untraced,
    destroy: untraced,
    wide: { parallel: 500, up: untraced, refresh: untraced, destroy: untraced },
  };
  const run = runWith([result], undefined, 3);
  const table = engineTable(run);
  // Medians: still 0.5 + 1 + 1 = 2.5 s of the 11 s step, whose floor is 8 s.
  expect(table).toContain(
    '- N = 500, `up` at 8: the engine stood still 2.5 s (23% of the step; 83% of its 3.0 s over the floor): window 0.5, assign 1.0, read-back 1.0; operations held 30.0 worker-seconds: window 20.0, assign 4.0, read-back 6.0.',
  );
  expect(table).not.toContain('`preview` at 8: the engine');
  expect(engineTable({ ...run, results: [{ ...result, up: untraced }] })).not.toContain('stood still');
});
