/**
 * What batching believes about how the Pulumi engine feeds a provider. Each is read from the engine's source at
 * ENGINE_VERSION; test/e2e/engineAssumptions.test.ts runs the pinned CLI and checks them, so that an engine that
 * schedules differently fails a test instead of quietly costing calls.
 */
import { availableParallelism } from 'node:os';
import type { ResourceMethod } from './methods';
import type { RequestOf, ResponseOf } from './requests';

/** The CLI release these were read from: an upgrade is a reason to read them again. */
export const ENGINE_VERSION = '3.274.1';

/**
 * `--parallel` when neither the flag nor PULUMI_PARALLEL sets it: 4 × GOMAXPROCS (cmd/pulumi/operations/up.go,
 * pulumi#14989). GOMAXPROCS is the CPUs the CLI may use, as node's availableParallelism() counts them here.
 */
export const WORKERS_PER_CPU = 4;

/** The CLI's default `--parallel` on this machine. */
export const defaultParallel = (): number => WORKERS_PER_CPU * availableParallelism();

/** The CLI takes its default `--parallel` from this variable, and the provider, its child, inherits it. */
export const PARALLEL_VARIABLE = 'PULUMI_PARALLEL';

/**
 * One loop generates the steps and hands each to a worker over an unbuffered channel (resource/deploy/
 * step_executor.go), waiting there while every worker is busy: of the creates it has announced, at most this many
 * are with neither a worker nor the provider.
 */
export const ANNOUNCED_IN_LOOP = 1;

/**
 * A worker writes a checkpoint before it sends the create, and the snapshot manager writes them one at a time for
 * all workers (backend/snapshot.go, `mutate`): creates arrive a checkpoint apart, and the longest recent gap between
 * arrivals measures how slow checkpoints are now. A silence this many gaps long is the engine out of room, not a
 * slow checkpoint.
 */
export const STALL_GAPS = 3;

/** How many recent gaps between arrivals that measure is taken over: enough to ride out one fast checkpoint. */
export const RECENT_GAPS = 16;

/**
 * The step generator checks a resource before it makes the step for it, and makes a create for one without a
 * state: a check without olds that passed announces a create (one that failed stops the deployment there). A diff
 * with changes and no replacement announces an update; a replacement is announced by the check of its new inputs,
 * which has no olds.
 */
export function announcesWrite(method: ResourceMethod, request: unknown, answer: unknown): boolean {
  if (method === 'check') {
    const failures = (answer as ResponseOf<'check'> | undefined)?.failures ?? [];
    return Object.keys((request as RequestOf<'check'>).olds ?? {}).length === 0 && failures.length === 0;
  }
  const diff = answer as ResponseOf<'diff'> | undefined;
  return method === 'diff' && diff?.changes === true && (diff.replaces ?? []).length === 0;
}
