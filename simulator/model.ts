/** The simulator's own vocabulary; it shares no code with the provider. */
export type Capability = 'voice' | 'sms';
export const CAPABILITIES: readonly Capability[] = ['voice', 'sms'];

export interface SimulatedApplication {
  key: string;
  secret: string;
}

export interface SimulatedNumber {
  number: string;
  capabilities: Capability[];
}

export interface CallbackUrls {
  primary?: string;
  fallback?: string;
}

/** Everything the simulator knows; this is also the shape of the `--state` file. */
export interface SimulatorState {
  version: 1;
  applications: SimulatedApplication[];
  numbers: SimulatedNumber[];
  /** `${number}/${capability}` → application key. */
  bindings: Record<string, string>;
  /** application key → URLs. */
  callbacks: Record<string, CallbackUrls>;
}

export interface ListedNumber {
  number: string;
  applicationkey?: string;
  capability: Capability;
}

export function bindingKey(number: string, capability: Capability): string {
  return `${number}/${capability}`;
}

export function emptyState(): SimulatorState {
  return { version: 1, applications: [], numbers: [], bindings: {}, callbacks: {} };
}
