import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * `PULUMI_SINCH_VOICE_TRACE=<file>`: one JSON line per provider event (operations as the engine sends them, API
 * calls, and why waiting assignments and read-backs went out), with the time in milliseconds since the epoch (fractions included, so that processes line up). It is
 * how the benchmark finds where a deployment spends its time; it names numbers and application keys, never a
 * credential. Unset, tracing costs one comparison per event.
 */
const file = process.env.PULUMI_SINCH_VOICE_TRACE || undefined;

export type TraceFields = Record<string, string | number | boolean | undefined>;

export function trace(event: string, fields: TraceFields = {}): void {
  if (file === undefined) return;
  try {
    appendFileSync(
      file,
      `${JSON.stringify({ t: Math.round((performance.timeOrigin + performance.now()) * 100) / 100, pid: process.pid, event, ...fields })}\n`,
    );
  } catch {
    // A trace that cannot be written must never fail a deployment.
  }
}

export const tracing = (): boolean => file !== undefined;
