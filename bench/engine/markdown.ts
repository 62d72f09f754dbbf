/** `bench/results/engine.md`: the figures as a Markdown table that the README can show as it is. */
import type { CallsByRoute, EngineFigures, EngineRun, Spread, StepFigures } from './figures';

/** Routes by what they do, for the table; any other route is shown as the simulator names it. */
const ROUTE_NAMES: Record<string, string> = {
  'GET /v1/configuration/numbers': 'list',
  'POST /v1/configuration/numbers': 'assign',
  'DELETE /v1/configuration/numbers': 'unassign',
  'GET /v1/configuration/callbacks/applications/{key}': 'callbacks read',
  'POST /v1/configuration/callbacks/applications/{key}': 'callbacks write',
  'GET /v1/calling/query/number/{number}': 'query number',
};

const count = (value: number): string => value.toLocaleString('en-US');

/** Known routes in the order of ROUTE_NAMES, then any other. */
function byRoute(calls: CallsByRoute): string {
  const order = Object.keys(ROUTE_NAMES);
  const rank = (route: string) => (order.includes(route) ? order.indexOf(route) : order.length);
  const entries = Object.entries(calls)
    .filter(([, value]) => value > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  return entries.length === 0
    ? '–'
    : entries.map(([route, value]) => `${count(value)} ${ROUTE_NAMES[route] ?? `\`${route}\``}`).join(', ');
}

/** `median (min–max)`, or the one value when the runs agree. */
function ranged(spread: Spread, format: (value: number) => string): string {
  const [median, min, max] = [spread.median, spread.min, spread.max].map(format);
  return min === max ? (median as string) : `${median} (${min}–${max})`;
}

const seconds = (value: number): string => value.toFixed(1);
const ratio = (value: number): string => (Number.isFinite(value) ? value.toFixed(2) : '–');

function row(n: number, step: string, parallel: string, figures: StepFigures): string {
  const cells = [
    count(n),
    step,
    parallel,
    ranged(figures.totalCalls, count),
    byRoute(figures.calls),
    ranged(figures.seconds, seconds),
    ranged(figures.floorSeconds, seconds),
    ranged(figures.ratio, ratio),
  ];
  return `| ${cells.join(' | ')} |`;
}

function rows(result: EngineFigures, defaultParallel: number): string[] {
  const standard = String(defaultParallel);
  const wide = String(result.wide.parallel);
  return [
    row(result.n, '`up`', standard, result.up),
    row(result.n, '`preview`', standard, result.preview),
    row(result.n, '`refresh`', standard, result.refresh),
    row(result.n, '`destroy`', standard, result.destroy),
    row(result.n, '`up`', wide, result.wide.up),
    row(result.n, '`refresh`', wide, result.wide.refresh),
    row(result.n, '`destroy`', wide, result.wide.destroy),
  ];
}

const ASSIGN = 'POST /v1/configuration/numbers';
const LIST = 'GET /v1/configuration/numbers';
const perRun = (figures: StepFigures, route: string): number[] => figures.runs.map((each) => each.calls[route] ?? 0);
const listed = (values: number[]): string => values.join(', ');

/**
 * The call budgets, run by run (issue 9's, which the plugin keeps): a wide `up` makes one assign call per
 * application (each carries up to 100 numbers) and at most 2 list calls; `up` at the default parallelism at most
 * N + 2 calls; `refresh` at most 2 list calls. And the wall time against the floor, whose target is 1.25.
 */
function budgets(run: EngineRun, result: EngineFigures): string[] {
  const assignLimit = run.applications * Math.ceil(result.n / run.applications / 100);
  const all = (values: number[], limit: number) =>
    values.every((value) => value <= limit) ? `all within ${limit}` : `**over ${limit}**`;
  const wideAssign = perRun(result.wide.up, ASSIGN);
  const wideList = perRun(result.wide.up, LIST);
  const upCalls = result.up.runs.map((each) => Object.values(each.calls).reduce((sum, value) => sum + value, 0));
  const refreshLists = [...perRun(result.refresh, LIST), ...perRun(result.wide.refresh, LIST)];
  const ratios = (['up', 'refresh', 'destroy'] as const).map(
    (step) => `\`${step}\` ${ratio(result[step].ratio.median)} and ${ratio(result.wide[step].ratio.median)}`,
  );
  return [
    `- N = ${count(result.n)}: the wide \`up\` made ${listed(wideAssign)} assign calls (${all(wideAssign, assignLimit)}) and ${listed(wideList)} list calls (${all(wideList, 2)}); ` +
      `\`up\` at the default parallelism ${listed(upCalls)} calls (${all(upCalls, result.n + 2)}); \`refresh\` ${listed(refreshLists)} list calls (${all(refreshLists, 2)}); ` +
      `median × floor at the default and the wide parallelism: ${ratios.join('; ')} (target 1.25).`,
  ];
}

export function engineTable(run: EngineRun): string {
  const minutes = (run.durationSeconds / 60).toFixed(1);
  return [
    `N bindings round-robin over ${run.applications} applications, plus one \`ApplicationCallbacks\` per application; the simulator adds ${run.latencyMs} ms to every API answer. ` +
      `Pulumi ${run.pulumi}, Node ${run.node}, ${run.cpus} CPUs (the CLI's default parallelism: ${run.defaultParallel}); run of ${run.startedAt.slice(0, 10)}, the whole run ${minutes} minutes (1-minute load average ${run.loadAverage.mean} on average, ${run.loadAverage.max} at most). ` +
      `Each size ran ${run.runs} times; each figure is the median over the runs, with the least and the largest in brackets where they differ. ` +
      `API calls as the simulator counted them (by route: the run with the median count); seconds of wall time of the operation; floor: the same operation on as many resources of a do-nothing dynamic provider, ` +
      `a module required by name as the package's shims are, at the same parallelism, right after the provider's step; × floor: the ratio of each run's pair.`,
    '',
    '| N | step | parallel | API calls | by route | seconds | floor (s) | × floor |',
    '| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |',
    ...run.results.flatMap((result) => rows(result, run.defaultParallel)),
    '',
    'Budgets, run by run:',
    '',
    ...run.results.flatMap((result) => budgets(run, result)),
    '',
    `\`__provider\` as stored in the state, per resource: ${run.results.map((result) => `${count(result.providerBytesPerResource)} bytes for a \`NumberAssignment\` and ${count(result.floorProviderBytesPerResource)} for the floor's resource (N = ${count(result.n)})`).join('; ')}.`,
    '',
  ].join('\n');
}
