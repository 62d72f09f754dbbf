/**
 * The engine's scheduling that batching relies on (provider/implementation/engineAssumptions.ts), observed through
 * the pinned CLI: ups of the dynamic resources with the provider's trace, replayed as the provider saw them. An
 * engine that schedules otherwise fails here rather than quietly costing calls.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ANNOUNCED_IN_LOOP,
  ENGINE_VERSION,
  PARALLEL_VARIABLE,
  WORKERS_PER_CPU,
} from '../../provider/implementation/engineAssumptions';
import type { ReleaseReason } from '../../provider/implementation/gathering';
import { admin } from '../support/simulator';
import { APP_A } from '../support/fixtures';
import { scratchScenarios, type DeclaredProgram } from './engine';
import { DYNAMIC } from './frontEnds';
import { stackOperations } from './stack';

jest.setTimeout(10 * 60_000);

const DEFAULT_ROOM = WORKERS_PER_CPU * availableParallelism();
/** Three rounds of the default room: enough for the engine to fill it and to be seen waiting for a worker. */
const COUNT = 3 * DEFAULT_ROOM;
const NUMBERS = Array.from({ length: COUNT }, (_, index) => `+1415557${String(index).padStart(4, '0')}`);

const scenario = scratchScenarios('assumptions', async (simulator) => {
  for (const number of NUMBERS) await admin(simulator, 'PUT', 'numbers', { number, capabilities: ['voice'] });
});
const { start, credentials } = stackOperations(scenario, DYNAMIC);

const PROGRAM: DeclaredProgram = {
  numbers: NUMBERS.map((number) => ({ name: `number-${number}`, number, applicationKey: APP_A.key })),
  callbacks: [],
};

interface TraceLine {
  event: string;
  kind?: string;
  method?: string;
  subject?: string;
  reason?: ReleaseReason;
}

/** An up of PROGRAM on a fresh stack, and the provider's trace of it. */
async function tracedUp(environment: NodeJS.ProcessEnv = {}): Promise<TraceLine[]> {
  const directory = mkdtempSync(join(tmpdir(), 'sinch-assumptions-'));
  try {
    const file = join(directory, 'trace.jsonl');
    const outcome = await start('up', PROGRAM, credentials(), { PULUMI_SINCH_VOICE_TRACE: file, ...environment })
      .result;
    if (!outcome.ok) throw new Error(`up failed: ${outcome.message}`);
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TraceLine);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * The NumberAssignments' operations in the order the provider served them: creates that came before their check,
 * how many creates ran at once at most, and how many checked creates had not arrived whenever that many ran.
 */
function replay(lines: TraceLine[]) {
  const checked: string[] = [];
  const created: string[] = [];
  const unannounced: string[] = [];
  let active = 0;
  let widest = 0;
  const missingAtWidest: number[] = [];
  for (const { event, kind, method, subject } of lines) {
    if (kind !== 'NumberAssignment') continue;
    if (method === 'check' && event === 'end') checked.push(subject as string);
    if (method === 'create' && event === 'begin') created.push(subject as string);
    if (method === 'create' && event === 'begin' && !checked.includes(subject as string))
      unannounced.push(subject as string);
    if (method === 'create') active += event === 'begin' ? 1 : -1;
    if (active > widest) missingAtWidest.length = 0;
    widest = Math.max(widest, active);
    if (active === widest) missingAtWidest.push(checked.length - created.length);
  }
  return { checked, created, unannounced, widest, missingAtWidest };
}

it(`is the CLI these assumptions were read from (${ENGINE_VERSION}): an upgrade reads them again`, async () => {
  const { stdout } = await promisify(execFile)(scenario.project.cli, ['version']);
  expect(stdout.trim()).toBe(`v${ENGINE_VERSION}`);
});

it(`at the default --parallel (${WORKERS_PER_CPU} per CPU), every create is announced by its check, and with every worker busy at most ${ANNOUNCED_IN_LOOP} checked create waits`, async () => {
  const { checked, created, unannounced, widest, missingAtWidest } = replay(await tracedUp());
  expect(created).toHaveLength(COUNT);
  // Each create's check (without a state) came before it, and each check of a new resource announced a create.
  expect(unannounced).toEqual([]);
  expect(new Set(checked)).toEqual(new Set(created));
  expect(widest).toBe(DEFAULT_ROOM);
  expect(Math.max(...missingAtWidest)).toBeLessThanOrEqual(ANNOUNCED_IN_LOOP);
});

it(`${PARALLEL_VARIABLE} sets the room, and the provider sees it: no round waits to learn it`, async () => {
  const room = 3;
  const lines = await tracedUp({ [PARALLEL_VARIABLE]: String(room) });
  const { widest, missingAtWidest } = replay(lines);
  expect(widest).toBe(room);
  expect(Math.max(...missingAtWidest)).toBeLessThanOrEqual(ANNOUNCED_IN_LOOP);
  const reasons = lines.filter((line) => line.event === 'assign sent').map((line) => line.reason);
  expect(reasons).toContain('blocked');
  expect(reasons).not.toContain('stalled');
});
