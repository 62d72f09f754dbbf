import { existsSync, readFileSync } from 'node:fs';
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

/**
 * The simulated project: its applications, owned numbers, bindings and callbacks. Every mutation is persisted
 * (atomically) before the request that made it is answered, so a crash never loses an acknowledged change.
 */
export class Store {
  private state: SimulatorState;
  private readonly seed: SimulatorState;

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
    for (const number of numbers) this.state.bindings[bindingKey(number, capability)] = applicationKey;
    await this.persist();
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
    for (const each of held) delete this.state.bindings[bindingKey(number, each)];
    await this.persist();
  }

  /** Removes a binding whoever holds it, as a person in the dashboard can. */
  async release(number: string, capability: Capability): Promise<void> {
    this.requireCapableNumber(number, capability);
    delete this.state.bindings[bindingKey(number, capability)];
    await this.persist();
  }

  getCallbacks(applicationKey: string): CallbackUrls {
    this.requireApplication(applicationKey);
    return { ...this.state.callbacks[applicationKey] };
  }

  /** An omitted URL is kept; an empty one is cleared. */
  async updateCallbacks(applicationKey: string, update: { primary?: string | null; fallback?: string | null }): Promise<void> {
    this.requireApplication(applicationKey);
    const next: CallbackUrls = { ...this.state.callbacks[applicationKey] };
    for (const field of ['primary', 'fallback'] as const) {
      const value = update[field];
      if (value === undefined) continue;
      if (value === null || value === '') delete next[field];
      else next[field] = value;
    }
    this.state.callbacks[applicationKey] = next;
    await this.persist();
  }

  async addNumber(number: SimulatedNumber): Promise<void> {
    upsertNumber(this.state, number);
    await this.persist();
  }

  /** The number leaves the project (ported out, released): its bindings go with it. */
  async removeNumber(number: string): Promise<boolean> {
    const before = this.state.numbers.length;
    this.state.numbers = this.state.numbers.filter((entry) => entry.number !== number);
    for (const capability of CAPABILITIES) delete this.state.bindings[bindingKey(number, capability)];
    await this.persist();
    return this.state.numbers.length !== before;
  }

  async addApplication(application: SimulatedApplication): Promise<void> {
    upsertApplication(this.state, application);
    await this.persist();
  }

  async reset(): Promise<void> {
    this.state = clone(this.seed);
    await this.persist();
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
    if (this.stateFile) await writeFileAtomic(this.stateFile, `${JSON.stringify(this.state, null, 2)}\n`, { mode: 0o600 });
  }
}

function loadState(file: string): SimulatorState {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SimulatorState>;
  if (parsed.version !== 1 || !Array.isArray(parsed.applications) || !Array.isArray(parsed.numbers)) {
    throw new Error(`${file} is not a simulator state file (version 1)`);
  }
  return { ...emptyState(), ...parsed } as SimulatorState;
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
