import { openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * `PULUMI_SINCH_VOICE_TRACE=<file>`: one JSON line per provider event (operations as the engine sends them, API
 * calls, and why waiting assignments and read-backs went out), with the time in milliseconds since the epoch (fractions included, so that processes line up). It is
 * how the benchmark finds where a deployment spends its time; it names numbers and application keys, never a
 * credential. Unset, tracing costs one comparison per event.
 */
const file = process.env.PULUMI_SINCH_VOICE_TRACE || undefined;
/**
 * Opened once, on the first event, so that an event costs one system call rather than three (open, write, close:
 * 5–9 µs against 2 µs here), on the path of every operation the engine waits for. Each line is still written whole
 * and at once, so the engine killing the process loses none.
 */
let descriptor: number | undefined;
let unwritable = false;

export type TraceFields = Record<string, string | number | boolean | undefined>;

export function trace(event: string, fields: TraceFields = {}): void {
  if (file === undefined || unwritable) return;
  try {
    descriptor ??= openSync(file, 'a');
    writeSync(
      descriptor,
      `${JSON.stringify({ t: Math.round((performance.timeOrigin + performance.now()) * 100) / 100, pid: process.pid, event, ...fields })}\n`,
    );
  } catch {
    // A trace that cannot be written must never fail a deployment, nor cost it a failed write per event.
    unwritable = true;
  }
}

export const tracing = (): boolean => file !== undefined;
