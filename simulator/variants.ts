import { apiErrors, SimulatedApiError } from './errors';

/**
 * Answers the reference does not settle. The default is what it infers; the other is what Sinch may answer instead,
 * so that a client can be tested against both.
 */
export interface Variants {
  /**
   * An application key Sinch does not know (callbacks routes, assign, unassign): 400/40003 "Invalid Application Key",
   * as the legacy per-endpoint lists say, or 404/40400 "Requested resource not found", which the current error catalogue
   * lists and a route naming the application in its path may well answer.
   */
  unknownApplicationStatus: 400 | 404;
}

export const DEFAULT_VARIANTS: Readonly<Variants> = { unknownApplicationStatus: 400 };

const VARIANT_NAMES: readonly (keyof Variants)[] = ['unknownApplicationStatus'];

/** Why one variant's value is not acceptable, naming it; undefined when it is. */
export function variantProblem(name: keyof Variants, value: unknown): string | undefined {
  switch (name) {
    case 'unknownApplicationStatus':
      return value === 400 || value === 404 ? undefined : 'unknownApplicationStatus must be 400 or 404';
  }
}

/** Why a set of variants is not acceptable, naming the first bad or unknown field; undefined when it is. */
export function variantsProblem(given: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(given)) {
    if (!(VARIANT_NAMES as readonly string[]).includes(name))
      return `${name} is not a variant; known: ${VARIANT_NAMES.join(', ')}`;
    const problem = variantProblem(name as keyof Variants, value);
    if (problem) return problem;
  }
  return undefined;
}

/** The variants in force: those given at start until `PUT /_sim/variants` replaces them, and again after a reset. */
export class VariantSettings {
  private current: Variants;

  constructor(private readonly initial: Partial<Variants> = {}) {
    this.current = { ...DEFAULT_VARIANTS, ...initial };
  }

  settings(): Variants {
    return { ...this.current };
  }

  /** Replaces the variants: omitted ones go back to their defaults. */
  configure(given: Partial<Variants>): void {
    this.current = { ...DEFAULT_VARIANTS, ...given };
  }

  reset(): void {
    this.current = { ...DEFAULT_VARIANTS, ...this.initial };
  }

  /** The error to answer instead of `error`: an unknown application answers as the variant says. */
  answerFor(error: unknown): unknown {
    const unknownApplication = error instanceof SimulatedApiError && error.errorCode === 40003;
    return unknownApplication && this.current.unknownApplicationStatus === 404 ? apiErrors.notFound() : error;
  }
}
