/**
 * Both front ends in the benchmark's figures: the plugin's block beside the dynamic figures, the table's rows by
 * front end with the budgets of each, and the chart's row of panels per front end on shared scales.
 */
import { engineChart } from '../../bench/engine/chart';
import {
  dynamicOf,
  frontEndsOf,
  stepFigures,
  type EngineFigures,
  type LifecycleFigures,
  type RunFigures,
} from '../../bench/engine/figures';
import { runWith } from './runs';
import { engineTable } from '../../bench/engine/markdown';

const ASSIGN = 'POST /v1/configuration/numbers';
const LIST = 'GET /v1/configuration/numbers';
const cpu = { provider: { program: 0, engine: 0 }, floor: { program: 0, engine: 0 } };
const runOf = (seconds: number, floorSeconds: number, calls: Record<string, number>): RunFigures => ({
  calls,
  seconds,
  floorSeconds,
  cpu,
});
const step = (seconds: number, floorSeconds: number, calls: Array<Record<string, number>>) =>
  stepFigures(calls.map((each) => runOf(seconds, floorSeconds, each)));

function lifecycle(seconds: number, wideAssign: number[], upAssign: number): LifecycleFigures {
  return {
    up: step(seconds, 10, [
      { [ASSIGN]: upAssign, [LIST]: 64 },
      { [ASSIGN]: upAssign, [LIST]: 64 },
    ]),
    preview: step(3, 2, [{}, {}]),
    refresh: step(2, 2, [{ [LIST]: 1 }, { [LIST]: 1 }]),
    destroy: step(12, 10, [{ [LIST]: 1 }, { [LIST]: 1 }]),
    wide: {
      parallel: 500,
      up: step(
        seconds,
        10,
        wideAssign.map((assign) => ({ [ASSIGN]: assign, [LIST]: 2 })),
      ),
      refresh: step(2, 2, [{ [LIST]: 1 }, { [LIST]: 1 }]),
      destroy: step(20, 20, [{ [LIST]: 1 }, { [LIST]: 1 }]),
    },
  };
}

const dynamic = { ...lifecycle(11, [5, 5], 311), providerBytesPerResource: 281, floorProviderBytesPerResource: 260 };
const plugin = { ...lifecycle(15, [5, 6], 320), floorResources: 505 };

it('frontEndsOf and dynamicOf: the figures each front end has, dynamic first', () => {
  const both: EngineFigures = { n: 500, ...dynamic, plugin };
  expect(frontEndsOf(both).map(({ frontEnd }) => frontEnd)).toEqual(['dynamic', 'plugin']);
  expect(dynamicOf(both)?.providerBytesPerResource).toBe(281);
  const pluginOnly: EngineFigures = { n: 500, plugin };
  expect(frontEndsOf(pluginOnly)).toEqual([{ frontEnd: 'plugin', figures: plugin }]);
  expect(dynamicOf(pluginOnly)).toBeUndefined();
});

it('the table: a front-end column, each step of both front ends one under the other, budgets for each', () => {
  const table = engineTable(runWith([{ n: 500, ...dynamic, plugin }], ['dynamic', 'plugin']));
  expect(table).toContain('| N | front end | step | parallel | API calls | by route | seconds | floor (s) | × floor |');
  const rows = table.split('\n').filter((line) => line.startsWith('| 500 |'));
  expect(rows.map((row) => row.split(' | ').slice(1, 4).join(' '))).toEqual([
    'dynamic `up` 8',
    'plugin `up` 8',
    'dynamic `preview` 8',
    'plugin `preview` 8',
    'dynamic `refresh` 8',
    'plugin `refresh` 8',
    'dynamic `destroy` 8',
    'plugin `destroy` 8',
    'dynamic `up` 500',
    'plugin `up` 500',
    'dynamic `refresh` 500',
    'plugin `refresh` 500',
    'dynamic `destroy` 500',
    'plugin `destroy` 500',
  ]);
  expect(rows[1]).toBe('| 500 | plugin | `up` | 8 | 384 | 64 list, 320 assign | 15.0 | 10.0 | 1.50 |');
  expect(table).toContain(
    '- N = 500, dynamic resources: the wide `up` made 5, 5 assign calls (all within 5) and 2, 2 list calls (all within 2)',
  );
  expect(table).toContain(
    '- N = 500, plugin: the wide `up` made 5, 6 assign calls (**over 5**) and 2, 2 list calls (all within 2); ' +
      '`up` at the default parallelism 384, 384 calls (all within 600); `refresh` 1, 1, 1, 1 list calls (all within 2); ' +
      '`preview` 0, 0 calls (all within 0); median × floor at the default and the wide parallelism: `up` 1.50 and 1.50;',
  );
  expect(table).toContain('**plugin**: the same declarations as a generated Pulumi YAML program');
  expect(table).toContain('281 bytes for a `NumberAssignment`');
});

it('the table of a run of the plugin alone: its rows and budgets, no __provider line', () => {
  const table = engineTable(runWith([{ n: 50, plugin }], ['plugin']));
  const rows = table.split('\n').filter((line) => line.startsWith('| 50 |'));
  expect(rows).toHaveLength(7);
  expect(rows.every((row) => row.startsWith('| 50 | plugin |'))).toBe(true);
  expect(table).toContain('- N = 50, plugin: the wide `up`');
  expect(table).not.toContain('dynamic resources:');
  expect(table).not.toContain('__provider');
});

it('the table of a run of the dynamic resources alone keeps its columns', () => {
  const table = engineTable(runWith([{ n: 500, ...dynamic }]));
  expect(table).toContain('| N | step | parallel | API calls | by route | seconds | floor (s) | × floor |');
  expect(table).toContain('- N = 500: the wide `up` made 5, 5 assign calls');
  expect(table).toContain('`preview` 0, 0 calls (all within 0)');
});

it('the chart: a row of panels per front end under its heading, each column on one scale', () => {
  const results: EngineFigures[] = [
    { n: 50, ...dynamic, plugin },
    { n: 500, ...dynamic, plugin },
  ];
  const both = engineChart(results, 'subtitle');
  expect(both).toContain('Dynamic resources (TypeScript program, Automation API)');
  expect(both).toContain('Native plugin pulumi-resource-sinch (YAML program, plain CLI)');
  // The calls panels reach 391 (dynamic) and 400 (plugin): both axes end at 400.
  expect(both.match(/text-anchor="end">400</g)).toHaveLength(2);
  expect(both.match(/<polyline /g)).toHaveLength(2 * (7 + 8 + 6));
  const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
  const alone = engineChart(
    results.map(({ n, plugin: _plugin, ...rest }) => ({ n, ...rest })),
    'subtitle',
  );
  expect(alone).not.toContain('Dynamic resources (TypeScript program');
  expect(alone.match(/<polyline /g)).toHaveLength(7 + 8 + 6);
  expect(height(both)).toBeGreaterThan(height(alone) + 262);
  const pluginAlone = engineChart([{ n: 50, plugin }], 'subtitle');
  expect(pluginAlone).toContain('Native plugin pulumi-resource-sinch');
  expect(pluginAlone).toContain('>plugin</text>');
});

describe('the naive provider', () => {
  const UNASSIGN = 'DELETE /v1/configuration/numbers';
  /** A step whose runs took `seconds` each, on a floor of `floorSeconds`, the naive provider `naive` seconds each. */
  const withNaive = (seconds: number[], floorSeconds: number[], naive: number[], calls: Record<string, number>) =>
    stepFigures(
      seconds.map((each, index) => ({
        ...runOf(each, floorSeconds[index] as number, { [LIST]: 1 }),
        naive: { calls, seconds: naive[index] as number, cpu: cpu.provider },
      })),
    );
  const naiveLifecycle = (): LifecycleFigures => {
    const base = lifecycle(11, [5, 5], 311);
    const bindings = { [ASSIGN]: 500, [LIST]: 500 };
    return {
      ...base,
      up: withNaive([12, 11, 13], [10, 10, 10], [9, 14, 10], bindings),
      preview: withNaive([3, 3, 3], [2, 2, 2], [2, 2, 2], {}),
      refresh: withNaive([2, 2, 2], [2, 2, 2], [4, 4, 4], { [LIST]: 500 }),
      destroy: withNaive([12, 12, 12], [10, 10, 10], [15, 15, 15], { [UNASSIGN]: 500 }),
      wide: {
        ...base.wide,
        up: withNaive([8, 8, 8], [10, 10, 10], [9, 9, 9], bindings),
        refresh: withNaive([2, 2, 2], [2, 2, 2], [3, 3, 3], { [LIST]: 500 }),
        destroy: withNaive([20, 20, 20], [20, 20, 20], [22, 22, 22], { [UNASSIGN]: 500 }),
      },
    };
  };

  const naiveResult = (): EngineFigures => ({
    n: 500,
    ...naiveLifecycle(),
    providerBytesPerResource: 281,
    floorProviderBytesPerResource: 257,
    naiveProviderBytesPerResource: 290,
  });

  it("stepFigures: the naive provider's calls, seconds and ratio to the same floor, each as median, least, largest", () => {
    const up = naiveLifecycle().up;
    expect(up.naive?.seconds).toEqual({ min: 9, median: 10, max: 14 });
    expect(up.naive?.ratio).toEqual({ min: 0.9, median: 1, max: 1.4 });
    expect(up.naive?.totalCalls).toEqual({ min: 1000, median: 1000, max: 1000 });
    expect(up.ratio).toEqual({ min: 1.1, median: 1.2, max: 1.3 });
    // Runs that did not all measure it have none.
    expect(stepFigures([runOf(1, 1, {}), { ...up.runs[0], naive: undefined } as RunFigures]).naive).toBeUndefined();
  });

  it('the table: a naive row under each dynamic row, its calls, seconds and × floor; up against it in the budgets', () => {
    const table = engineTable(runWith([naiveResult()], ['dynamic']));
    expect(table).toContain(
      '| N | front end | step | parallel | API calls | by route | seconds | floor (s) | × floor |',
    );
    const rows = table.split('\n').filter((line) => line.startsWith('| 500 |'));
    expect(rows.map((line) => line.split(' | ').slice(1, 4).join(' '))).toEqual(
      ['`up` 8', '`preview` 8', '`refresh` 8', '`destroy` 8', '`up` 500', '`refresh` 500', '`destroy` 500'].flatMap(
        (step) => [`dynamic ${step}`, `naive ${step}`],
      ),
    );
    expect(rows[1]).toBe(
      '| 500 | naive | `up` | 8 | 1,000 | 500 list, 500 assign | 10.0 (9.0–14.0) | 10.0 | 1.00 (0.90–1.40) |',
    );
    expect(rows[7]).toBe('| 500 | naive | `destroy` | 8 | 500 | 500 unassign | 15.0 | 10.0 | 1.50 |');
    expect(table).toContain('**naive**: the same declarations through a naive dynamic provider');
    expect(table).toContain(
      "Median seconds of `up` against the naive provider's, at the default and the wide parallelism: 12.0 s against 10.0 s (**slower**); 8.0 s against 9.0 s (no slower).",
    );
    expect(table).toContain("257 for the floor's resource and 290 for the naive provider's (N = 500)");
  });

  it('the chart: a naive series per step in both seconds panels, and its style under them', () => {
    const chart = engineChart([naiveResult()], 'subtitle');
    expect(chart.match(/<polyline /g)).toHaveLength(7 + (8 + 4) + (6 + 3));
    expect(chart.match(/<title>\w+ naive<\/title>/g)).toHaveLength(7);
    expect(chart.match(/>naive<\/text>/g)).toHaveLength(2);
  });
});
