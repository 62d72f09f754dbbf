/** `bench/results/engine.md`: the figures as a Markdown table that bench/README.md can show as it is. */
import type { StartFigures } from '../pluginStart';
import { HELD_PHASES, total, type ByPhase, type HeldPhase } from './held';
import {
  dynamicOf,
  frontEndsOf,
  spread,
  type CallsByRoute,
  type EngineFigures,
  type EngineRun,
  type FrontEnd,
  type LifecycleFigures,
  type Spread,
  type StepFigures,
} from './figures';

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

/** Who a row measured: a front end, or the naive provider (on the dynamic front end). */
type Who = FrontEnd | 'naive';

const FRONT_END_NAMES: Record<Who, string> = { dynamic: 'dynamic', plugin: 'plugin', naive: 'naive' };

/** What a row shows of a step. */
type Shown = Pick<StepFigures, 'totalCalls' | 'calls' | 'seconds' | 'floorSeconds' | 'ratio'>;

/** A row; with `frontEnd`, a cell naming it after N (tables of runs that measured the plugin or the naive provider). */
function row(n: number, step: string, parallel: string, figures: Shown, frontEnd?: Who): string {
  const cells = [
    count(n),
    ...(frontEnd === undefined ? [] : [FRONT_END_NAMES[frontEnd]]),
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

/** The steps in the table's order: the default parallelism's four, then the wide three. */
const STEPS: Array<{ step: string; wide: boolean; pick: (figures: LifecycleFigures) => StepFigures }> = [
  { step: '`up`', wide: false, pick: (figures) => figures.up },
  { step: '`preview`', wide: false, pick: (figures) => figures.preview },
  { step: '`refresh`', wide: false, pick: (figures) => figures.refresh },
  { step: '`destroy`', wide: false, pick: (figures) => figures.destroy },
  { step: '`up`', wide: true, pick: (figures) => figures.wide.up },
  { step: '`refresh`', wide: true, pick: (figures) => figures.wide.refresh },
  { step: '`destroy`', wide: true, pick: (figures) => figures.wide.destroy },
];

/**
 * A size's rows: each step, and with `named`, the front ends' rows of each step one under the other, the naive
 * provider's right under the dynamic resources' (its × floor is to their floor, which ran just before it).
 */
function rows(result: EngineFigures, defaultParallel: number, named: boolean): string[] {
  const frontEnds = frontEndsOf(result);
  return STEPS.flatMap(({ step, wide, pick }) =>
    frontEnds.flatMap(({ frontEnd, figures }) => {
      const parallel = String(wide ? figures.wide.parallel : defaultParallel);
      const picked = pick(figures);
      const who = named ? frontEnd : undefined;
      return [
        row(result.n, step, parallel, picked, who),
        ...(picked.naive
          ? [row(result.n, step, parallel, { ...picked.naive, floorSeconds: picked.floorSeconds }, 'naive')]
          : []),
      ];
    }),
  );
}

/** Whether the run measured the naive provider (runs before it did not). */
const hasNaive = (run: EngineRun): boolean =>
  run.results.some((result) => frontEndsOf(result).some(({ figures }) => figures.up.naive !== undefined));

/**
 * `up` at each parallelism against the naive provider's (issue 22: no slower), by median seconds; empty without it.
 */
function againstNaive(figures: LifecycleFigures): string {
  const pairs = [figures.up, figures.wide.up].flatMap((step) =>
    step.naive ? [{ ours: step.seconds.median, naive: step.naive.seconds.median }] : [],
  );
  if (pairs.length === 0) return '';
  const shown = pairs.map(
    ({ ours, naive }) =>
      `${seconds(ours)} s against ${seconds(naive)} s (${ours <= naive ? 'no slower' : '**slower**'})`,
  );
  return ` Median seconds of \`up\` against the naive provider's, at the default and the wide parallelism: ${shown.join('; ')}.`;
}

const ASSIGN = 'POST /v1/configuration/numbers';
const LIST = 'GET /v1/configuration/numbers';
const perRun = (figures: StepFigures, route: string): number[] => figures.runs.map((each) => each.calls[route] ?? 0);
const callsPerRun = (figures: StepFigures): number[] =>
  figures.runs.map((each) => Object.values(each.calls).reduce((sum, value) => sum + value, 0));
const listed = (values: number[]): string => values.join(', ');

/** `up` at the default parallelism may spend 1.2 calls per binding, so that rounds can overlap the engine's work. */
const upBudget = (n: number): number => Math.floor(1.2 * n);

/**
 * The call budgets, run by run (issue 9's, which the plugin keeps, issue 14; issue 22's for the default
 * parallelism): a wide `up` makes one assign call per application (each carries up to 100 numbers) and at most 2 list
 * calls; `up` at the default parallelism at most 1.2 calls per binding; `refresh` at most 2 list calls; `preview`
 * none. And the wall time against the floor, whose target is 1.25. `who` names the front end, when the table has
 * more than one.
 */
function budgets(run: EngineRun, n: number, figures: LifecycleFigures, who?: string): string {
  const assignLimit = run.applications * Math.ceil(n / run.applications / 100);
  const all = (values: number[], limit: number) =>
    values.every((value) => value <= limit) ? `all within ${limit}` : `**over ${limit}**`;
  const wideAssign = perRun(figures.wide.up, ASSIGN);
  const wideList = perRun(figures.wide.up, LIST);
  const upCalls = callsPerRun(figures.up);
  const refreshLists = [...perRun(figures.refresh, LIST), ...perRun(figures.wide.refresh, LIST)];
  const previewCalls = callsPerRun(figures.preview);
  const ratios = (['up', 'refresh', 'destroy'] as const).map(
    (step) => `\`${step}\` ${ratio(figures[step].ratio.median)} and ${ratio(figures.wide[step].ratio.median)}`,
  );
  return (
    `- N = ${count(n)}${who === undefined ? '' : `, ${who}`}: the wide \`up\` made ${listed(wideAssign)} assign calls (${all(wideAssign, assignLimit)}) and ${listed(wideList)} list calls (${all(wideList, 2)}); ` +
    `\`up\` at the default parallelism ${listed(upCalls)} calls (${all(upCalls, upBudget(n))}); \`refresh\` ${listed(refreshLists)} list calls (${all(refreshLists, 2)}); ` +
    `\`preview\` ${listed(previewCalls)} calls (${all(previewCalls, 0)}); ` +
    `median × floor at the default and the wide parallelism: ${ratios.join('; ')} (target 1.25).` +
    againstNaive(figures)
  );
}

const PHASE_NAMES: Record<HeldPhase, string> = {
  window: 'window',
  assign: 'assign',
  readBack: 'read-back',
  unassign: 'unassign',
};

/** Each phase's median over the runs. */
function medianByPhase(figures: ByPhase[]): ByPhase {
  return Object.fromEntries(
    HELD_PHASES.map((phase) => [phase, spread(figures.map((each) => each[phase])).median]),
  ) as ByPhase;
}

const phases = (figures: ByPhase): string =>
  HELD_PHASES.filter((phase) => figures[phase] >= 0.05)
    .map((phase) => `${PHASE_NAMES[phase]} ${seconds(figures[phase])}`)
    .join(', ') || 'none';

/**
 * With `--trace`, a step's line: how long every worker of the engine was held by the provider (the engine stood
 * still), by what the provider waited on, as a share of the step and of its time over the floor; and the
 * worker-seconds operations were held in all, which cost nothing while the engine has other work.
 */
function heldLine(n: number, step: string, parallel: string, figures: StepFigures, who?: string): string[] {
  const traced = figures.runs.flatMap((each) => (each.held ? [each.held] : []));
  if (traced.length !== figures.runs.length || traced.length === 0) return [];
  const still = medianByPhase(traced.map((each) => each.engineStill));
  const held = medianByPhase(traced.map((each) => each.held));
  const stood = total(still);
  const over = figures.seconds.median - figures.floorSeconds.median;
  const share = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–');
  return [
    `- N = ${count(n)}${who === undefined ? '' : `, ${who}`}, ${step} at ${parallel}: the engine stood still ${stood < 0.1 ? stood.toFixed(2) : seconds(stood)} s ` +
      `(${share(stood, figures.seconds.median)} of the step; ${over > 0 ? `${share(stood, over)} of its ${seconds(over)} s over the floor` : 'no slower than the floor'})` +
      `${stood >= 0.05 ? `: ${phases(still)}` : ''}; operations held ${seconds(total(held))} worker-seconds: ${phases(held)}.`,
  ];
}

/** The lines of every step that ran with `--trace`. */
function heldLines(run: EngineRun, named: boolean): string[] {
  return run.results.flatMap((result) =>
    frontEndsOf(result).flatMap(({ frontEnd, figures }) =>
      STEPS.flatMap(({ step, wide, pick }) =>
        heldLine(
          result.n,
          step,
          String(wide ? figures.wide.parallel : run.defaultParallel),
          pick(figures),
          named ? WHO[frontEnd] : undefined,
        ),
      ),
    ),
  );
}

const WHO: Record<FrontEnd, string> = { dynamic: 'dynamic resources', plugin: 'plugin' };

/** The dynamic resources' floor (floor.ts). */
const DYNAMIC_FLOOR =
  'the same operation on as many resources of a do-nothing dynamic provider, a module required by name and declared with `pulumi.dynamic.Resource` ' +
  "(so its `__provider` is Pulumi's serialization of that require), at the same parallelism, right after the provider's step";

/** What each front end ran, and what its floor was. */
const DESCRIPTIONS: Record<FrontEnd, string> = {
  dynamic: `**dynamic**: the dynamic resources in a TypeScript program, through the Automation API; floor: ${DYNAMIC_FLOOR}`,
  plugin:
    '**plugin**: the same declarations as a generated Pulumi YAML program through the native plugin `pulumi-resource-sinch` of the installed package, run with the plain CLI ' +
    '(`pulumi up --yes --skip-preview`, `preview`, `refresh --yes --skip-preview`, `destroy --yes --skip-preview`, as the Automation API runs them, with `--json`) and the credentials as stack configuration; ' +
    "floor: as many `nothing:index:Nothing` resources, with the same names and properties, through a do-nothing native plugin of the benchmark's own (bench/floorPlugin: Node, @grpc/grpc-js and the same protocol stubs, every method answered at once), " +
    "at the same parallelism, right after the plugin's step; the seconds are those of the CLI process",
};

/** The naive provider's rows. */
const NAIVE_DESCRIPTION =
  "**naive**: the same declarations through a naive dynamic provider of the benchmark's own (bench/engine/naive.ts, modules required by name as the floor's is), " +
  "on the dynamic front end, with the resources' public shape (the program registers the same property names, and the state records the same inputs with the same defaults, the same id and the outputs a create can know without reading first), so that it costs the engine what the package's resources cost it: a binding's create is one assign and one list call, its read one list call, its delete one unassign; an application's callbacks one write and one read at create, one read at read, one write at delete; " +
  "nothing shared between resources; against a simulator of its own with the same applications and numbers, right after the dynamic resources' floor, and × floor to that floor";

export function engineTable(run: EngineRun): string {
  const minutes = (run.durationSeconds / 60).toFixed(1);
  const measured = [...new Set(run.results.flatMap((result) => frontEndsOf(result).map(({ frontEnd }) => frontEnd)))];
  const naive = hasNaive(run);
  const named = measured.includes('plugin') || naive;
  const dynamic = run.results.flatMap((result) => {
    const figures = dynamicOf(result);
    return figures ? [{ n: result.n, figures }] : [];
  });
  const what = named
    ? `the rows of each step by front end, ${[...measured.map((frontEnd) => DESCRIPTIONS[frontEnd]), ...(naive ? [NAIVE_DESCRIPTION] : [])].join('; ')}. × floor: the ratio of each run's pair.`
    : `floor: ${DYNAMIC_FLOOR}; × floor: the ratio of each run's pair.`;
  return [
    `N bindings round-robin over ${run.applications} applications, plus one \`ApplicationCallbacks\` per application; the simulator adds ${run.latencyMs} ms to every API answer. ` +
      `Pulumi ${run.pulumi}, Node ${run.node}, ${run.cpus} CPUs (the CLI's default parallelism: ${run.defaultParallel}); run of ${run.startedAt.slice(0, 10)}, the whole run ${minutes} minutes (1-minute load average ${run.loadAverage.mean} on average, ${run.loadAverage.max} at most). ` +
      `Each size ran ${run.runs} times; each figure is the median over the runs, with the least and the largest in brackets where they differ. ` +
      `API calls as the simulator counted them (by route: the run with the median count); seconds of wall time of the operation; ${what}`,
    '',
    named
      ? '| N | front end | step | parallel | API calls | by route | seconds | floor (s) | × floor |'
      : '| N | step | parallel | API calls | by route | seconds | floor (s) | × floor |',
    named
      ? '| ---: | --- | --- | ---: | ---: | --- | ---: | ---: | ---: |'
      : '| ---: | --- | ---: | ---: | --- | ---: | ---: | ---: |',
    ...run.results.flatMap((result) => rows(result, run.defaultParallel, named)),
    '',
    'Budgets, run by run:',
    '',
    ...run.results.flatMap((result) =>
      frontEndsOf(result).map(({ frontEnd, figures }) =>
        budgets(run, result.n, figures, named ? WHO[frontEnd] : undefined),
      ),
    ),
    ...(dynamic.length === 0
      ? []
      : [
          '',
          `\`__provider\` as stored in the state, per resource: ${dynamic.map(({ n, figures }) => `${count(figures.providerBytesPerResource)} bytes for a \`NumberAssignment\` and ${count(figures.floorProviderBytesPerResource)} for the floor's resource${figures.naiveProviderBytesPerResource === undefined ? '' : ` and ${count(figures.naiveProviderBytesPerResource)} for the naive provider's`} (N = ${count(n)})`).join('; ')}.`,
        ]),
    ...held(heldLines(run, named)),
    ...(run.pluginStart === undefined ? [] : ['', pluginStartLine(run.pluginStart)]),
    '',
  ].join('\n');
}

/** The traced steps' lines under their heading, or nothing when no step was traced. */
function held(lines: string[]): string[] {
  if (lines.length === 0) return [];
  return [
    '',
    'Where the provider held the engine, from its traces (`--trace`): the median over the runs of how long every worker was inside the provider, so that the engine had nothing to do but wait, by what the provider waited on (a window for more assignments, an assign call, a read-back list call, an unassign call); and the worker-seconds operations were inside it in all, which cost nothing while the engine has other work:',
    '',
    ...lines,
  ];
}

/** The plugin's start, and whether the archived one is within its budget: no slower than today's. */
export function pluginStartLine(start: StartFigures): string {
  const shown = ({ min, median, max }: StartFigures['today']) =>
    min === max ? `${median} ms` : `${median} ms (${min}–${max})`;
  const within = start.archived.median <= start.today.median;
  return (
    `The plugin's start to its port line, median of ${start.runs} starts in turns: today's (\`bin/pulumi-resource-sinch\`, ` +
    `dist/ on the Node.js running the benchmark) ${shown(start.today)}; archived (\`npm run plugin:pack\`: one bundled file ` +
    `on its own runtime) ${shown(start.archived)}: ${within ? 'within' : 'NOT within'} its budget, no slower than today's.`
  );
}
