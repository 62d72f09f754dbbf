/**
 * Where a step's time went while the provider held the engine's operations, read from the provider's trace
 * (PULUMI_SINCH_VOICE_TRACE): at each moment, how many operations are inside the provider and what it waits on.
 * While every worker of the room is inside, the engine has nothing to do but wait: that time is the provider's to
 * answer for, and the floor never pays it.
 */
import { readFileSync } from 'node:fs';

/** What the provider waits on while it holds operations; a read-back is any list call (a guard read's too). */
export const HELD_PHASES = ['window', 'assign', 'readBack', 'unassign'] as const;
export type HeldPhase = (typeof HELD_PHASES)[number];
export type ByPhase = Record<HeldPhase, number>;

/** The trace's events that the figures read (provider/implementation/trace.ts writes them). */
interface TraceEvent {
  t: number;
  event: string;
  method?: string;
}

/** One step's figures, in seconds. */
export interface HeldFigures {
  /** From the first event to the last. */
  traced: number;
  /** Every worker of the room inside the provider: the engine stood still, by what the provider waited on. */
  engineStill: ByPhase;
  /** Operations inside the provider, summed over operations (worker-seconds), by what the provider waited on. */
  held: ByPhase;
}

/** Operations that hold one of the engine's workers while the provider runs them (checks and diffs hold none). */
const OPERATIONS = new Set(['create', 'update', 'delete', 'read']);

/** Calls in flight, by the phase they put the provider in. */
const CALLS: Record<string, Exclude<HeldPhase, 'window'>> = {
  list: 'readBack',
  assign: 'assign',
  unassign: 'unassign',
};

const zero = (): ByPhase => ({ window: 0, assign: 0, readBack: 0, unassign: 0 });

/**
 * The figures of a trace's events in the order written, for a room of `room` workers. A moment with a list call in
 * flight counts as read-back, else with an assign call as assign, else with an unassign as unassign; operations
 * inside with no call in flight wait for a window (or for the provider's own work, which is brief).
 */
export function heldFigures(events: readonly TraceEvent[], room: number): HeldFigures {
  const engineStill = zero();
  const held = zero();
  const inFlight: Record<string, number> = Object.fromEntries(Object.keys(CALLS).map((name) => [name, 0]));
  let inside = 0;
  let last = events[0]?.t ?? 0;
  for (const { t, event, method } of events) {
    const seconds = (t - last) / 1000;
    last = t;
    if (inside > 0) {
      const call = Object.keys(CALLS).find((name) => (inFlight[name] as number) > 0);
      const phase: HeldPhase = call === undefined ? 'window' : (CALLS[call] as HeldPhase);
      held[phase] += seconds * inside;
      if (inside >= room) engineStill[phase] += seconds;
    }
    if (method !== undefined && OPERATIONS.has(method)) inside += event === 'begin' ? 1 : event === 'end' ? -1 : 0;
    // A call ends answered or failed (`list failed`, …).
    const [name, what] = event.split(' ');
    if (name !== undefined && name in inFlight)
      inFlight[name] = (inFlight[name] as number) + (what === 'sent' ? 1 : -1);
  }
  const traced = events.length === 0 ? 0 : ((events.at(-1) as TraceEvent).t - (events[0] as TraceEvent).t) / 1000;
  return { traced, engineStill: rounded(engineStill), held: rounded(held) };
}

/** The figures of a trace file; processes that wrote to it are taken together, in the order they wrote. */
export function heldFiguresOf(file: string, room: number): HeldFigures {
  const events = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TraceEvent);
  return heldFigures(events, room);
}

export const total = (figures: ByPhase): number => HELD_PHASES.reduce((sum, phase) => sum + figures[phase], 0);

function rounded(figures: ByPhase): ByPhase {
  return Object.fromEntries(HELD_PHASES.map((phase) => [phase, Math.round(figures[phase] * 1000) / 1000])) as ByPhase;
}
