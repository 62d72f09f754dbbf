import { randomInt } from 'node:crypto';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * Faults injected at rates into API requests (never into `/_sim/`), for chaos tests: the same seed and the same
 * request sequence give the same faults. Rates are shares of requests, from 0 to 1.
 */
export interface ChaosSettings {
  /** Answered 500 or 503 before the request takes effect. */
  failRate: number;
  /** Writes that take effect and then answer 500: the client cannot know whether they landed. */
  failAfterRate: number;
  /** Answered 429 with a Retry-After header, before the request takes effect. */
  throttleRate: number;
  /** The connection is destroyed without an answer, before the request takes effect. */
  resetRate: number;
  /** No answer at all until the client gives up. */
  hangRate: number;
  /** Writes answered 204 as if they succeeded, but not applied ("accepted but not applied"). */
  lostWriteRate: number;
  /** Added to every API answer. */
  latencyMs: number;
  /** The Retry-After of a throttled answer, in seconds. */
  retryAfterSeconds: number;
  /** 0 to 2^32 − 1; the same seed and the same request sequence give the same faults. */
  seed: number;
}

/** What happens to one request instead of, or after, its normal handling. */
export type FaultKind = 'fail' | 'fail-after' | 'throttle' | 'reset' | 'hang' | 'lost-write';

/** Decided before the request takes effect. */
export type FaultBefore = Extract<FaultKind, 'fail' | 'throttle' | 'reset' | 'hang' | 'lost-write'>;

/** What the chaos settings make of one request. */
export interface ChaosDecision {
  before?: FaultBefore;
  /** A write that took effect is then answered 500. */
  failAfter: boolean;
  /** The status of a `fail`: Sinch's 500 (50000) or 503 (50300). */
  failStatus: 500 | 503;
}

const RATES = ['failRate', 'failAfterRate', 'throttleRate', 'resetRate', 'hangRate', 'lostWriteRate'] as const;

export const NO_CHAOS: Omit<ChaosSettings, 'seed'> = {
  failRate: 0,
  failAfterRate: 0,
  throttleRate: 0,
  resetRate: 0,
  hangRate: 0,
  lostWriteRate: 0,
  latencyMs: 0,
  retryAfterSeconds: 1,
};

/** xoroshiro128plus reads 32 bits of its seed: larger seeds would silently replay smaller ones. */
export const SEED_LIMIT = 2 ** 32 - 1;
const DURATION_LIMIT_MS = 600_000;
const RETRY_AFTER_LIMIT_SECONDS = 86_400;
/** The kinds that share one draw, decided before a request takes effect: together at most every request. */
const SHARED_RATES = ['failRate', 'throttleRate', 'resetRate', 'hangRate', 'lostWriteRate'] as const;
const CHAOS_SETTING_NAMES: readonly (keyof ChaosSettings)[] = [...RATES, 'latencyMs', 'retryAfterSeconds', 'seed'];

/** Why one setting's value is not acceptable, naming the setting; undefined when it is. */
export function settingProblem(name: keyof ChaosSettings, value: unknown): string | undefined {
  const whole = (limit: number) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= limit;
  switch (name) {
    case 'latencyMs':
      return whole(DURATION_LIMIT_MS)
        ? undefined
        : `latencyMs must be a whole number of milliseconds from 0 to ${DURATION_LIMIT_MS}`;
    case 'retryAfterSeconds':
      return whole(RETRY_AFTER_LIMIT_SECONDS)
        ? undefined
        : `retryAfterSeconds must be a whole number of seconds from 0 to ${RETRY_AFTER_LIMIT_SECONDS}`;
    case 'seed':
      return whole(SEED_LIMIT) ? undefined : `seed must be a whole number from 0 to ${SEED_LIMIT}`;
    default:
      return typeof value === 'number' && value >= 0 && value <= 1 ? undefined : `${name} must be a number from 0 to 1`;
  }
}

/** Why settings are not acceptable, naming the setting; undefined when every given setting is. */
export function chaosProblem(settings: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(settings)) {
    if (!isSettingName(name)) return `${name} is not a chaos setting (known: ${CHAOS_SETTING_NAMES.join(', ')})`;
    const problem = settingProblem(name, value);
    if (problem) return problem;
  }
  const shared = SHARED_RATES.reduce((sum, name) => sum + ((settings[name] as number | undefined) ?? 0), 0);
  // A little room for sums such as 0.2 + 0.4 + 0.3 + 0.1, which floating point makes 1.0000000000000002.
  if (shared > 1 + 1e-9)
    return `${SHARED_RATES.join(' + ')} add up to ${shared}; one request gets at most one of these faults, so at most 1`;
  return undefined;
}

function isSettingName(name: string): name is keyof ChaosSettings {
  return (CHAOS_SETTING_NAMES as readonly string[]).includes(name);
}

export class Chaos {
  private current: ChaosSettings;
  private random: RandomGenerator;
  private readonly atStart: ChaosSettings;

  /** Settings checked with chaosProblem; without a seed, one is picked at random and shown by settings(). */
  constructor(settings: Partial<ChaosSettings> = {}) {
    this.current = { ...NO_CHAOS, seed: randomSeed(), ...settings };
    this.atStart = { ...this.current };
    this.random = xoroshiro128plus(this.current.seed);
  }

  settings(): ChaosSettings {
    return { ...this.current };
  }

  /** Replaces the settings (unnamed ones go back to none) and starts the sequence of the seed anew. */
  configure(settings: Partial<ChaosSettings>): void {
    this.current = { ...NO_CHAOS, seed: settings.seed ?? this.current.seed, ...settings };
    this.random = xoroshiro128plus(this.current.seed);
  }

  /** Back to the settings given at start, the sequence of their seed from its beginning. */
  reset(): void {
    this.configure(this.atStart);
  }

  /**
   * Both decisions for one request, drawn in arrival order so that a seed replays: what happens before it takes
   * effect, and for a write that does take effect, whether its answer is then lost to a 500.
   */
  decide(write: boolean): ChaosDecision {
    const first = uniformFloat64(this.random);
    const second = uniformFloat64(this.random);
    const third = uniformFloat64(this.random);
    const before = pick(first, [
      ['hang', this.current.hangRate],
      ['reset', this.current.resetRate],
      ['throttle', this.current.throttleRate],
      ['fail', this.current.failRate],
      ['lost-write', write ? this.current.lostWriteRate : 0],
    ]);
    return {
      before,
      failAfter: write && before === undefined && second < this.current.failAfterRate,
      failStatus: third < 0.5 ? 500 : 503,
    };
  }
}

/** The kind whose share of [0, 1) the draw falls in, the shares laid end to end. */
function pick(draw: number, shares: Array<[FaultBefore, number]>): FaultBefore | undefined {
  let end = 0;
  for (const [kind, share] of shares) {
    end += share;
    if (draw < end) return kind;
  }
  return undefined;
}

function randomSeed(): number {
  return randomInt(0, SEED_LIMIT + 1);
}
