/** The command line of `npm run bench`, read with commander so that a bad value stops it with a message naming it. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { FRONT_ENDS, type FrontEnd } from './figures';
import { MAX_BINDINGS } from './world';

export interface EngineBenchOptions {
  /** Numbers of bindings, ascending, each measured in turn. */
  sizes: number[];
  latencyMs: number;
  /** How many times each size's lifecycle runs. */
  runs: number;
  /** Where engine.json, engine.svg and engine.md go. */
  out: string;
  /** A directory for the provider's trace of every step, or none. */
  trace?: string;
  /** The front ends measured, each in turn in each run, in the order of FRONT_ENDS. */
  frontEnds: FrontEnd[];
}

export const DEFAULT_SIZES = [50, 200, 500];
const MAX_LATENCY_MS = 600_000;

/** `50,200,500` → [50, 200, 500]: whole numbers from 1 to MAX_BINDINGS, duplicates dropped, in ascending order. */
export function parseSizes(text: string): number[] {
  const parts = text.split(',').map((part) => part.trim());
  const wrong = parts.filter((part) => !/^[1-9][0-9]*$/.test(part) || Number(part) > MAX_BINDINGS);
  if (parts.length === 0 || wrong.length > 0) {
    const what =
      wrong.length > 0
        ? `not a whole number from 1 to ${MAX_BINDINGS}: ${wrong.map((part) => JSON.stringify(part.slice(0, 20))).join(', ')}`
        : 'empty';
    throw new InvalidArgumentError(`Give numbers of bindings separated by commas, such as 50,200,500 (${what}).`);
  }
  return [...new Set(parts.map(Number))].sort((a, b) => a - b);
}

/** `dynamic,plugin` → the front ends named, duplicates dropped, in the order of FRONT_ENDS. */
export function parseFrontEnds(text: string): FrontEnd[] {
  const parts = text.split(',').map((part) => part.trim());
  const wrong = parts.filter((part) => !(FRONT_ENDS as readonly string[]).includes(part));
  if (wrong.length > 0 || parts.length === 0)
    throw new InvalidArgumentError(
      `Give front ends separated by commas, of ${FRONT_ENDS.join(', ')} (not one: ${wrong.map((part) => JSON.stringify(part.slice(0, 20))).join(', ')}).`,
    );
  return FRONT_ENDS.filter((frontEnd) => parts.includes(frontEnd));
}

function parseRuns(text: string): number {
  if (!/^[1-9][0-9]?$/.test(text.trim())) throw new InvalidArgumentError('Give a whole number of runs from 1 to 99.');
  return Number(text);
}

function parseLatency(text: string): number {
  if (!/^[0-9]+$/.test(text.trim()) || Number(text) > MAX_LATENCY_MS) {
    throw new InvalidArgumentError(`Give a whole number of milliseconds from 0 to ${MAX_LATENCY_MS}.`);
  }
  return Number(text);
}

export function readOptions(argv: string[], defaultOut: string): EngineBenchOptions {
  return new Command('npm run bench --')
    .description(
      'The engine benchmark: the packed package in a scratch Pulumi project, driven through the real engine against the simulator. ' +
        'Prints one JSON line per size and writes engine.json, engine.svg and engine.md.',
    )
    .addOption(
      new Option('--sizes <list>', 'numbers of bindings, separated by commas')
        .argParser(parseSizes)
        .default(DEFAULT_SIZES, DEFAULT_SIZES.join(',')),
    )
    .addOption(
      new Option('--latency-ms <n>', 'milliseconds the simulator adds to every API answer')
        .argParser(parseLatency)
        .default(20),
    )
    .addOption(
      new Option('--runs <n>', 'how many times each size runs; each step reports min, median and max')
        .argParser(parseRuns)
        .default(5),
    )
    .addOption(
      new Option('--out <directory>', 'where engine.json, engine.svg and engine.md go').default(
        defaultOut,
        'bench/results',
      ),
    )
    .addOption(
      new Option(
        '--front-ends <list>',
        'front ends to measure, separated by commas: dynamic (a TypeScript program), plugin (a YAML program)',
      )
        .argParser(parseFrontEnds)
        .default([...FRONT_ENDS], FRONT_ENDS.join(',')),
    )
    .addOption(
      new Option('--trace <directory>', "a directory for the provider's trace of each step (PULUMI_SINCH_VOICE_TRACE)"),
    )
    .parse(argv)
    .opts<EngineBenchOptions>();
}
