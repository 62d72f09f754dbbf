import { apiErrors } from './errors';
import { Ledger } from './ledger';
import {
  bindingKey,
  CAPABILITIES,
  emptyState,
  type CallbackUrls,
  type Capability,
  type ListedNumber,
  type SimulatedApplication,
  type SimulatedNumber,
  type SimulatorState,
} from './model';
import { readStateFile, writeStateFile } from './stateFile';

/** What the simulator starts with: the applications and numbers it is given. */
export interface StoreSeed {
  applications: SimulatedApplication[];
  numbers: SimulatedNumber[];
}

/**
 * The simulated project: its applications, owned numbers, bindings and callbacks. Every change is checked and
 * persisted (atomically) before the request that made it is answered, so a crash never loses an acknowledged change,
 * and a change that could not be persisted is not kept.
 */
export class Store {
  private constructor(
    private readonly ledger: Ledger,
    private readonly seed: SimulatorState,
    /** false for a rehearsal: changes are checked, then dropped. */
    private readonly keeps: boolean,
  ) {}

  /** Loads the state file when there is one (refusing one it cannot trust), and writes it at once. */
  static async open(seed: StoreSeed, stateFile?: string): Promise<Store> {
    const initial = emptyState();
    seed.applications.forEach((application) => upsertApplication(initial, application));
    seed.numbers.forEach((number) => upsertNumber(initial, number));
    const loaded = stateFile === undefined ? undefined : readStateFile(stateFile);
    const state = loaded ? mergeSeed(loaded, initial) : structuredClone(initial);
    const write =
      stateFile === undefined ? async () => undefined : (next: SimulatorState) => writeStateFile(stateFile, next);
    try {
      // So that the file exists from the first moment, and a place that cannot be written stops the start.
      await write(state);
    } catch (error) {
      throw new Error(`${stateFile} cannot be written: ${(error as Error).message}`, { cause: error });
    }
    return new Store(new Ledger(state, write), initial, true);
  }

  /** The same project, whose writes are checked and answered as usual but never kept: for lost writes. */
  rehearsal(): Store {
    return new Store(this.ledger, this.seed, false);
  }

  snapshot(): SimulatorState {
    return structuredClone(this.ledger.current);
  }

  secrets(): Map<string, string> {
    return new Map(this.ledger.current.applications.map((application) => [application.key, application.secret]));
  }

  listNumbers(): ListedNumber[] {
    const { numbers, bindings } = this.ledger.current;
    return numbers.flatMap(({ number, capabilities }) =>
      capabilities.map((capability) => {
        const applicationkey = bindings[bindingKey(number, capability)];
        return applicationkey ? { number, applicationkey, capability } : { number, capability };
      }),
    );
  }

  /** Binds every number, or none: all are checked before anything changes. */
  assign(numbers: readonly string[], applicationKey: string, capability: Capability): Promise<void> {
    return this.change((next) => {
      requireApplication(next, applicationKey);
      for (const number of numbers) requireCapableNumber(next, number, capability);
      for (const number of numbers) next.bindings[bindingKey(number, capability)] = applicationKey;
    });
  }

  /** Removes the binding(s) the application holds on the number; without a capability, all of them. */
  unassign(number: string, applicationKey: string, capability: Capability | undefined): Promise<void> {
    return this.change((next) => {
      requireApplication(next, applicationKey);
      const owned = requireCapableNumber(next, number, capability);
      const held = (capability ? [capability] : owned.capabilities).filter(
        (candidate) => next.bindings[bindingKey(number, candidate)] === applicationKey,
      );
      if (held.length === 0) {
        throw apiErrors.parameterValidation(
          `Unable to update numbers: ${number}${capability ? ` (${capability})` : ''} is not assigned to application ${applicationKey}`,
        );
      }
      for (const each of held) delete next.bindings[bindingKey(number, each)];
    });
  }

  /** Removes a binding whoever holds it, as a person in the dashboard can. */
  release(number: string, capability: Capability): Promise<void> {
    return this.change((next) => {
      requireCapableNumber(next, number, capability);
      delete next.bindings[bindingKey(number, capability)];
    });
  }

  getCallbacks(applicationKey: string): CallbackUrls {
    requireApplication(this.ledger.current, applicationKey);
    return { ...this.ledger.current.callbacks[applicationKey] };
  }

  /** An omitted URL is kept; an empty one is cleared. */
  updateCallbacks(
    applicationKey: string,
    update: { primary?: string | null; fallback?: string | null },
  ): Promise<void> {
    return this.change((next) => {
      requireApplication(next, applicationKey);
      const urls: CallbackUrls = { ...next.callbacks[applicationKey] };
      for (const field of ['primary', 'fallback'] as const) {
        const value = update[field];
        if (value === undefined) continue;
        if (value === null || value === '') delete urls[field];
        else urls[field] = value;
      }
      next.callbacks[applicationKey] = urls;
    });
  }

  addNumber(number: SimulatedNumber): Promise<void> {
    return this.change((next) => upsertNumber(next, number));
  }

  /** The number leaves the project (ported out, released): its bindings go with it. Answers whether it was owned. */
  removeNumber(number: string): Promise<boolean> {
    return this.change((next) => {
      const before = next.numbers.length;
      next.numbers = next.numbers.filter((entry) => entry.number !== number);
      for (const capability of CAPABILITIES) delete next.bindings[bindingKey(number, capability)];
      return next.numbers.length !== before;
    });
  }

  addApplication(application: SimulatedApplication): Promise<void> {
    return this.change((next) => upsertApplication(next, application));
  }

  reset(): Promise<void> {
    return this.change((next) => {
      Object.assign(next, structuredClone(this.seed));
    });
  }

  private change<T>(change: (next: SimulatorState) => T): Promise<T> {
    return this.ledger.commit(change, this.keeps);
  }
}

function requireApplication(state: Readonly<SimulatorState>, key: string): void {
  if (!state.applications.some((application) => application.key === key)) throw apiErrors.invalidApplicationKey(key);
}

function requireCapableNumber(
  state: SimulatorState,
  number: string,
  capability: Capability | undefined,
): SimulatedNumber {
  const owned = state.numbers.find((entry) => entry.number === number);
  if (!owned)
    throw apiErrors.parameterValidation(`Unable to update numbers: ${number} is not a number of this project`);
  if (capability && !owned.capabilities.includes(capability)) {
    throw apiErrors.parameterValidation(
      `Unable to update numbers: ${number} does not support the ${capability} capability`,
    );
  }
  return owned;
}

/** Applications and numbers named at start-up join a loaded state; what the file says about them wins. */
function mergeSeed(loaded: SimulatorState, seed: SimulatorState): SimulatorState {
  for (const application of seed.applications) {
    if (!loaded.applications.some((existing) => existing.key === application.key))
      loaded.applications.push(application);
  }
  for (const number of seed.numbers) {
    if (!loaded.numbers.some((existing) => existing.number === number.number)) loaded.numbers.push(number);
  }
  return loaded;
}

function upsertApplication(state: SimulatorState, application: SimulatedApplication): void {
  state.applications = [...state.applications.filter((existing) => existing.key !== application.key), application];
}

function upsertNumber(state: SimulatorState, number: SimulatedNumber): void {
  state.numbers = [...state.numbers.filter((existing) => existing.number !== number.number), number];
  for (const capability of CAPABILITIES) {
    if (!number.capabilities.includes(capability)) delete state.bindings[bindingKey(number.number, capability)];
  }
}
