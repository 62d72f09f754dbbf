/** The benchmark's figures: the spread over runs, and the budgets the table states run by run. */
import { spread, stepFigures, type EngineFigures, type RunFigures } from '../../bench/engine/figures';
import { engineTable } from '../../bench/engine/markdown';
import { runWith } from './runs';

const ASSIGN = 'POST /v1/configuration/numbers';
const LIST = 'GET /v1/configuration/numbers';
const cpu = { provider: { program: 0, engine: 0 }, floor: { program: 0, engine: 0 } };
const runOf = (seconds: number, floorSeconds: number, calls: Record<string, number>): RunFigures => ({
  calls,
  seconds,
  floorSeconds,
  cpu,
});

it('spread: the median of an odd and an even count, and the extremes', () => {
  expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
  expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
});

it('stepFigures: ratios run by run, and the calls of the run with the median count', () => {
  const figures = stepFigures([runOf(2, 1, { [LIST]: 1 }), runOf(3, 2, { [LIST]: 3 }), runOf(6, 2, { [LIST]: 2 })]);
  expect(figures.ratio).toEqual({ min: 1.5, median: 2, max: 3 });
  expect(figures.seconds).toEqual({ min: 2, median: 3, max: 6 });
  expect(figures.totalCalls).toEqual({ min: 1, median: 2, max: 3 });
  expect(figures.calls).toEqual({ [LIST]: 2 });
});

it('the table states each budget run by run, and flags a run over it', () => {
  const step = (calls: Array<Record<string, number>>) => stepFigures(calls.map((each) => runOf(1, 1, each)));
  const result: EngineFigures = {
    n: 500,
    providerBytesPerResource: 281,
    floorProviderBytesPerResource: 260,
    up: step([
      { [ASSIGN]: 311, [LIST]: 64 },
      { [ASSIGN]: 537, [LIST]: 64 },
    ]),
    preview: step([{}, {}]),
    refresh: step([{ [LIST]: 1 }, { [LIST]: 1 }]),
    destroy: step([{ [LIST]: 1 }, { [LIST]: 1 }]),
    wide: {
      parallel: 500,
      up: step([
        { [ASSIGN]: 5, [LIST]: 2 },
        { [ASSIGN]: 8, [LIST]: 5 },
      ]),
      refresh: step([{ [LIST]: 1 }, { [LIST]: 1 }]),
      destroy: step([{ [LIST]: 1 }, { [LIST]: 1 }]),
    },
  };
  const run = runWith([result]);
  const table = engineTable(run);
  expect(table).toContain('the wide `up` made 5, 8 assign calls (**over 5**) and 2, 5 list calls (**over 2**)');
  // 1.2 calls per binding: 600 is within it, 601 is not.
  expect(table).toContain('`up` at the default parallelism 375, 601 calls (**over 600**)');
  expect(table).toContain('`refresh` 1, 1, 1, 1 list calls (all within 2)');
  result.up = step([{ [ASSIGN]: 536, [LIST]: 64 }]);
  expect(engineTable(run)).toContain('`up` at the default parallelism 600 calls (all within 600)');
  expect(table).toContain('| 500 | `up` | 500 | 10 (7–13) | 2 list, 5 assign |');
});
