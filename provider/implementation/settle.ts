import { isRefusal } from '../client/errors';

/** What the live state says after a write: it is what the write wanted, it is as before, or someone else changed it. */
export type Outcome = 'landed' | 'unchanged' | 'changed';

/** A write whose outcome is read back from the API rather than trusted, so that deciding to write again is safe. */
export interface CheckedWrite {
  /** For messages: "the assignment of +12015550100 (voice) to <key>". */
  description: string;
  /**
   * Sends the write; `round` counts from 1. Answers 'landed' when the API's answer alone establishes the new state,
   * so that no read-back is needed; otherwise the outcome is read back.
   */
  write(round: number): Promise<Outcome | void>;
  /** Reads the live state (never from a cache that the write could have made stale). */
  outcome(): Promise<Outcome>;
  /** The error when someone else changed the object while this write was under way. */
  contended(): Error;
}

/**
 * How many times a write is sent while the live state shows it did not land. Each round costs one request and one
 * read, and a write that is not idempotent gets no retries from the client, so there are enough rounds to ride out
 * a bad minute: with a fifth of requests failing, ten rounds all fail once in ten million.
 */
export const ROUNDS = 10;

/** The wait before round `round` (2, 3, …): 50 ms doubling up to 2 s, with jitter, about 9 s in all. */
export function backoff(round: number): Promise<void> {
  const milliseconds = Math.min(2000, 50 * 2 ** (round - 2)) * (0.5 + Math.random() * 0.5);
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * Sends the write until the live state shows it. The client retries what it can by itself; when it gives up, or
 * when an answer was lost (a 204 that never arrived, a 5xx after the write took effect, a reset, a timeout), or
 * when Sinch accepted a write that does not show, the live state decides: landed is success whatever the answer
 * was; unchanged means the write did not land and is sent again; changed by someone else stops, and writes nothing
 * more, because two writers are at work and the last one would win.
 */
export async function writeUntilLanded(
  change: CheckedWrite,
  pause: (round: number) => Promise<void> = backoff,
): Promise<void> {
  let lastError: unknown;
  for (let round = 1; round <= ROUNDS; round += 1) {
    if (round > 1) await pause(round);
    lastError = undefined;
    let answered: Outcome | void = undefined;
    try {
      answered = await change.write(round);
    } catch (error) {
      lastError = error;
    }
    const outcome = answered ?? (await change.outcome());
    if (outcome === 'landed') return;
    if (outcome === 'changed') throw change.contended();
    if (isRefusal(lastError)) throw lastError;
  }
  throw (
    lastError ?? new Error(`Sinch accepted ${change.description} ${ROUNDS} times, but the live state does not show it.`)
  );
}
