/**
 * `bench/results/engine.svg`: API calls and seconds against N, drawn by hand as plain SVG (line panels with axes,
 * ticks and a legend) so that bench/README.md shows it without any tool. Three panels: API calls per step (solid at the
 * default parallelism, dashed at --parallel N), then seconds at each parallelism, provider solid and floor dotted (and
 * for the dynamic resources, the naive provider dash-dotted, when the run measured it).
 * One row of the three per front end the run measured (dynamic resources, then the plugin), each column on one
 * scale, so that the rows compare at a glance.
 */
import {
  FRONT_ENDS,
  frontEndsOf,
  type EngineFigures,
  type FrontEnd,
  type LifecycleFigures,
  type StepFigures,
} from './figures';

interface Series {
  label: string;
  color: string;
  dash?: string;
  points: Array<{ x: number; y: number }>;
}

interface Panel {
  title: string;
  yLabel: string;
  series: Series[];
  /** Line styles explained under the panel. */
  styles: Array<{ label: string; dash?: string }>;
}

const STEP_COLORS = { up: '#1f77b4', preview: '#9467bd', refresh: '#2ca02c', destroy: '#d62728' } as const;
type Step = keyof typeof STEP_COLORS;
const WIDE_DASH = '7 4';
const FLOOR_DASH = '2 3';
const NAIVE_DASH = '9 3 2 3';

const PANEL = { width: 320, height: 262, left: 58, right: 14, top: 34, bottom: 60 };
const LEGEND_HEIGHT = 34;
/** The heading above each front end's row, when there are two. */
const ROW_HEADING = 22;

const ROW_TITLES: Record<FrontEnd, string> = {
  dynamic: 'Dynamic resources (TypeScript program, Automation API); floor: a do-nothing dynamic provider',
  plugin: 'Native plugin pulumi-resource-sinch (YAML program, plain CLI); floor: a do-nothing native plugin',
};

/** The three panels of one front end, from each size's figures of it (a size without them is left out). */
function panelsOf(results: EngineFigures[], frontEnd: FrontEnd): Panel[] {
  const figuresOf = (result: EngineFigures): LifecycleFigures | undefined =>
    frontEndsOf(result).find((each) => each.frontEnd === frontEnd)?.figures;
  const at = (pick: (figures: LifecycleFigures) => StepFigures, value: (step: StepFigures) => number) =>
    results.flatMap((result) => {
      const figures = figuresOf(result);
      return figures ? [{ x: result.n, y: value(pick(figures)) }] : [];
    });
  const provider = frontEnd === 'plugin' ? 'plugin' : 'provider';
  const defaultSteps: Step[] = ['up', 'preview', 'refresh', 'destroy'];
  const wideSteps: Array<Exclude<Step, 'preview'>> = ['up', 'refresh', 'destroy'];
  const calls = (step: StepFigures) => step.totalCalls.median;
  /** The naive provider's median seconds of a step, at the sizes that measured it. */
  const naiveAt = (pick: (figures: LifecycleFigures) => StepFigures) =>
    results.flatMap((result) => {
      const naive = figuresOf(result) && pick(figuresOf(result) as LifecycleFigures).naive;
      return naive ? [{ x: result.n, y: naive.seconds.median }] : [];
    });
  /** A naive series of the step, if any size has one. */
  const naiveSeries = (step: Step, pick: (figures: LifecycleFigures) => StepFigures): Series[] => {
    const points = naiveAt(pick);
    return points.length === 0 ? [] : [{ label: `${step} naive`, color: STEP_COLORS[step], dash: NAIVE_DASH, points }];
  };
  const naiveStyle = results.some((result) => figuresOf(result)?.up.naive)
    ? [{ label: 'naive', dash: NAIVE_DASH }]
    : [];
  return [
    {
      title: 'API calls per step',
      yLabel: 'API calls',
      series: [
        ...defaultSteps.map((step) => ({
          label: step,
          color: STEP_COLORS[step],
          points: at((figures) => figures[step], calls),
        })),
        ...wideSteps.map((step) => ({
          label: `${step} wide`,
          color: STEP_COLORS[step],
          dash: WIDE_DASH,
          points: at((figures) => figures.wide[step], calls),
        })),
      ],
      styles: [{ label: 'default parallelism' }, { label: '--parallel N', dash: WIDE_DASH }],
    },
    {
      title: 'Seconds, default parallelism',
      yLabel: 'seconds',
      series: defaultSteps.flatMap((step) => [
        {
          label: step,
          color: STEP_COLORS[step],
          points: at(
            (figures) => figures[step],
            (each) => each.seconds.median,
          ),
        },
        {
          label: `${step} floor`,
          color: STEP_COLORS[step],
          dash: FLOOR_DASH,
          points: at(
            (figures) => figures[step],
            (each) => each.floorSeconds.median,
          ),
        },
        ...naiveSeries(step, (figures) => figures[step]),
      ]),
      styles: [{ label: provider }, { label: 'floor', dash: FLOOR_DASH }, ...naiveStyle],
    },
    {
      title: 'Seconds, --parallel N',
      yLabel: 'seconds',
      series: wideSteps.flatMap((step) => [
        {
          label: step,
          color: STEP_COLORS[step],
          points: at(
            (figures) => figures.wide[step],
            (each) => each.seconds.median,
          ),
        },
        {
          label: `${step} floor`,
          color: STEP_COLORS[step],
          dash: FLOOR_DASH,
          points: at(
            (figures) => figures.wide[step],
            (each) => each.floorSeconds.median,
          ),
        },
        ...naiveSeries(step, (figures) => figures.wide[step]),
      ]),
      styles: [{ label: provider }, { label: 'floor', dash: FLOOR_DASH }, ...naiveStyle],
    },
  ];
}

export function engineChart(results: EngineFigures[], subtitle: string): string {
  const sizes = results.map((result) => result.n);
  const measured = FRONT_ENDS.filter((frontEnd) =>
    results.some((result) => frontEndsOf(result).some((each) => each.frontEnd === frontEnd)),
  );
  const rows = measured.map((frontEnd) => ({ frontEnd, panels: panelsOf(results, frontEnd) }));
  const headed = rows.length > 1 || measured.includes('plugin');
  const columns = Math.max(0, ...rows.map((row) => row.panels.length));
  // One scale per column: the largest value of the column in any row.
  const largest = Array.from({ length: columns }, (_, column) =>
    Math.max(
      1,
      ...rows.flatMap(
        (row) => row.panels[column]?.series.flatMap((series) => series.points.map((point) => point.y)) ?? [],
      ),
    ),
  );
  const rowHeight = PANEL.height + (headed ? ROW_HEADING : 0);
  const width = PANEL.width * Math.max(1, columns);
  const height = 40 + rowHeight * rows.length + LEGEND_HEIGHT;
  const legend = (Object.entries(STEP_COLORS) as Array<[Step, string]>)
    .map(([step, color], index) => {
      const x = 60 + index * 110;
      return `<line x1="${x}" y1="${height - 14}" x2="${x + 22}" y2="${height - 14}" stroke="${color}" stroke-width="2.5"/><text x="${x + 28}" y="${height - 10}">${step}</text>`;
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="18" font-size="13" font-weight="bold">pulumi-sinch-voice through the Pulumi engine: API calls and seconds against N bindings</text>`,
    `<text x="12" y="33" fill="#555555">${escape(subtitle)}</text>`,
    ...rows.flatMap((row, rowIndex) => {
      const top = 40 + rowIndex * rowHeight;
      const heading = headed
        ? [
            `<text x="12" y="${top + 16}" font-size="12" font-weight="bold" fill="#333333">${escape(ROW_TITLES[row.frontEnd])}</text>`,
          ]
        : [];
      const panelTop = top + (headed ? ROW_HEADING : 0);
      return [
        ...heading,
        ...row.panels.map((panel, index) =>
          drawPanel(panel, sizes, index * PANEL.width, panelTop, largest[index] as number),
        ),
      ];
    }),
    legend,
    `</svg>`,
    '',
  ].join('\n');
}

/** A panel whose y axis reaches at least `largest` (the largest value of its column). */
function drawPanel(panel: Panel, sizes: number[], left: number, top: number, largest: number): string {
  const plot = {
    x: left + PANEL.left,
    y: top + PANEL.top,
    width: PANEL.width - PANEL.left - PANEL.right,
    height: PANEL.height - PANEL.top - PANEL.bottom,
  };
  const xMax = Math.max(...sizes, 1);
  const step = tickStep(largest);
  const yMax = step * 4;
  const sx = (x: number) => plot.x + (x / xMax) * plot.width;
  const sy = (y: number) => plot.y + plot.height - (y / yMax) * plot.height;
  const yTicks = [0, 1, 2, 3, 4].map((index) => index * step);
  const parts = [
    `<text x="${left + PANEL.left}" y="${top + 18}" font-size="12" font-weight="bold">${escape(panel.title)}</text>`,
    ...yTicks.map(
      (tick) =>
        `<line x1="${plot.x}" y1="${sy(tick)}" x2="${plot.x + plot.width}" y2="${sy(tick)}" stroke="#e5e5e5"/><text x="${plot.x - 6}" y="${sy(tick) + 4}" text-anchor="end">${formatTick(tick)}</text>`,
    ),
    ...sizes.map(
      (size) =>
        `<line x1="${sx(size)}" y1="${plot.y + plot.height}" x2="${sx(size)}" y2="${plot.y + plot.height + 4}" stroke="#333333"/><text x="${sx(size)}" y="${plot.y + plot.height + 16}" text-anchor="middle">${size}</text>`,
    ),
    `<line x1="${plot.x}" y1="${plot.y}" x2="${plot.x}" y2="${plot.y + plot.height}" stroke="#333333"/>`,
    `<line x1="${plot.x}" y1="${plot.y + plot.height}" x2="${plot.x + plot.width}" y2="${plot.y + plot.height}" stroke="#333333"/>`,
    `<text x="${plot.x + plot.width / 2}" y="${plot.y + plot.height + 30}" text-anchor="middle">N bindings</text>`,
    `<text transform="translate(${left + 14} ${plot.y + plot.height / 2}) rotate(-90)" text-anchor="middle">${escape(panel.yLabel)}</text>`,
    ...panel.series.map((series) => {
      const points = series.points.map((point) => `${sx(point.x).toFixed(1)},${sy(point.y).toFixed(1)}`).join(' ');
      const dash = series.dash ? ` stroke-dasharray="${series.dash}"` : '';
      const marks = series.points
        .map(
          (point) =>
            `<circle cx="${sx(point.x).toFixed(1)}" cy="${sy(point.y).toFixed(1)}" r="2.5" fill="${series.color}"/>`,
        )
        .join('');
      return `<g><title>${escape(series.label)}</title><polyline points="${points}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>${marks}</g>`;
    }),
    ...panel.styles.map((style, index) => {
      // Three short labels (provider, floor, naive) fit closer than the calls panel's two long ones.
      const x = plot.x + index * (panel.styles.length > 2 ? 85 : 150);
      const y = plot.y + plot.height + 50;
      const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
      return `<line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="#333333" stroke-width="2"${dash}/><text x="${x + 30}" y="${y}">${escape(style.label)}</text>`;
    }),
  ];
  return `<g>${parts.join('')}</g>`;
}

/** A round tick step (1, 2, 2.5 or 5 × 10^k) such that four steps reach the largest value. */
function tickStep(largest: number): number {
  const rough = largest / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
}

const formatTick = (value: number): string => Number(value.toFixed(2)).toLocaleString('en-US');

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
