import { existsSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { apiErrors } from './errors';
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
import { loadState } from './stateFile';

/**
 * The simulated project: its applications, owned numbers, bindings and callbacks. Every mutation is persisted
 * (atomically) before the request that made it is answered, so a crash never loses an acknowledged change.
 */
export class Store {
  private state: SimulatorState;
  private readonly seed: SimulatorState;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    seed: { applications: SimulatedApplication[]; numbers: SimulatedNumber[] },
    private readonly stateFile?: string,
  ) {
    const initial = emptyState();
    seed.applications.forEach((application) => upsertApplication(initial, application));
    seed.numbers.forEach((number) => upsertNumber(initial, number));
    this.seed = initial;
    this.state = stateFile && existsSync(stateFile) ? mergeSeed(loadState(stateFile), initial) : clone(initial);
  }

  snapshot(): SimulatorState {
    return clone(this.state);
  }

  secrets(): Map<string, string> {
    return new Map(this.state.applications.map((application) => [application.key, application.secret]));
  }

  hasApplication(key: string): boolean {
    return this.state.applications.some((application) => application.key === key);
  }

  findNumber(number: string): SimulatedNumber | undefined {
    return this.state.numbers.find((entry) => entry.number === number);
  }

  listNumbers(): ListedNumber[] {
    return this.state.numbers.flatMap(({ number, capabilities }) =>
      capabilities.map((capability) => {
        const applicationkey = this.state.bindings[bindingKey(number, capability)];
        return applicationkey ? { number, applicationkey, capability } : { number, capability };
      }),
    );
  }

  /** Binds every number, or none: all are checked before anything changes. */
  async assign(numbers: readonly string[], applicationKey: string, capability: Capability): Promise<void> {
    this.requireApplication(applicationKey);
    for (const number of numbers) this.requireCapableNumber(number, capability);
    await this.commit((next) => {
      for (const number of numbers) next.bindings[bindingKey(number, capability)] = applicationKey;
    });
  }

  /** Removes the binding(s) the application holds on the number; without a capability, all of them. */
  async unassign(number: string, applicationKey: string, capability: Capability | undefined): Promise<void> {
    this.requireApplication(applicationKey);
    const owned = this.requireCapableNumber(number, capability);
    const held = (capability ? [capability] : owned.capabilities).filter(
      (candidate) => this.state.bindings[bindingKey(number, candidate)] === applicationKey,
    );
    if (held.length === 0) {
      throw apiErrors.parameterValidation(
        `Unable to update numbers: ${number}${capability ? ` (${capability})` : ''} is not assigned to application ${applicationKey}`,
      );
    }
    await this.commit((next) => {
      for (const each of held) delete next.bindings[bindingKey(number, each)];
    });
  }

  /** Removes a binding whoever holds it, as a person in the dashboard can. */
  async release(number: string, capability: Capability): Promise<void> {
    this.requireCapableNumber(number, capability);
    await this.commit((next) => {
      delete next.bindings[bindingKey(number, capability)];
    });
  }

  getCallbacks(applicationKey: string): CallbackUrls {
    this.requireApplication(applicationKey);
    return { ...this.state.callbacks[applicationKey] };
  }

  /** An omitted URL is kept; an empty one is cleared. */
  async updateCallbacks(applicationKey: string, update: { primary?: string | null; fallback?: string | null }): Promise<void> {
    this.requireApplication(applicationKey);
    await this.commit((next) => {
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

  async addNumber(number: SimulatedNumber): Promise<void> {
    await this.commit((next) => upsertNumber(next, number));
  }

  /** The number leaves the project (ported out, released): its bindings go with it. */
  async removeNumber(number: string): Promise<boolean> {
    const owned = this.findNumber(number) !== undefined;
    await this.commit((next) => {
      next.numbers = next.numbers.filter((entry) => entry.number !== number);
      for (const capability of CAPABILITIES) delete next.bindings[bindingKey(number, capability)];
    });
    return owned;
  }

  async addApplication(application: SimulatedApplication): Promise<void> {
    await this.commit((next) => upsertApplication(next, application));
  }

  async reset(): Promise<void> {
    await this.commit((next) => Object.assign(next, clone(this.seed)));
  }

  /**
   * Applies a change to a copy, writes the copy, and only then makes it the state: when the write fails, the
   * request fails and the state is as it was, so what is answered is always what a restart would load.
   */
  private commit(change: (next: SimulatorState) => void): Promise<void> {
    // One commit at a time, in arrival order: each starts from the state the previous one left.
    const committed = this.pending.then(async () => {
      const next = clone(this.state);
      change(next);
      await this.write(next);
      this.state = next;
    });
    this.pending = committed.catch(() => undefined);
    return committed;
  }

  private requireApplication(key: string): void {
    if (!this.hasApplication(key)) throw apiErrors.invalidApplicationKey(key);
  }

  private requireCapableNumber(number: string, capability: Capability | undefined): SimulatedNumber {
    const owned = this.findNumber(number);
    if (!owned) throw apiErrors.parameterValidation(`Unable to update numbers: ${number} is not a number of this project`);
    if (capability && !owned.capabilities.includes(capability)) {
      throw apiErrors.parameterValidation(`Unable to update numbers: ${number} does not support the ${capability} capability`);
    }
    return owned;
  }

  /** Writes the state file, if there is one; called on start so the file exists from the first moment. */
  async persist(): Promise<void> {
    await this.write(this.state);
  }

  private async write(state: SimulatorState): Promise<void> {
    if (!this.stateFile) return;
    // A new file holds secrets, so only its owner may read it; an existing one keeps its mode and owner.
    const mode = existsSync(this.stateFile) ? {} : { mode: 0o600 };
    await writeFileAtomic(this.stateFile, `${JSON.stringify(state, null, 2)}\n`, mode);
  }
}

/** Applications and numbers named at start-up join a loaded state; what the file says about them wins. */
function mergeSeed(loaded: SimulatorState, seed: SimulatorState): SimulatorState {
  for (const application of seed.applications) {
    if (!loaded.applications.some((existing) => existing.key === application.key)) loaded.applications.push(application);
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

function clone<T>(value: T): T {
  return structuredClone(value);
}
