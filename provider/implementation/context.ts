import type { SinchConfigurationClient } from '../client';
import type { SinchProviderSettings } from '../configuration';
import type { Claims } from './claims';
import type { EngineTraffic } from './engineTraffic';
import type { LiveBindings } from './liveBindings';

/** How much a line for the person running Pulumi matters: the engine shows a warning as one. */
export type Severity = 'info' | 'warning';

/** What a resource implementation needs from its surroundings, resolved when a method runs. */
export interface ProviderContext {
  settings(): SinchProviderSettings;
  /** A client for the current settings; throws SinchConfigurationError before any API call when they are incomplete. */
  client(): SinchConfigurationClient;
  /** This deployment's shared view of the bindings, for the current settings (same errors as client()). */
  bindings(): LiveBindings;
  /** A line for the person running Pulumi: what the provider did. */
  info(message: string): void;
  /** A line the person should act on or check: something this stack did not undo, or found changed. */
  warn(message: string): void;
  /** What creates and updates of this deployment (this provider process) took over. */
  claims: Claims;
  /** The engine's flow of operations in this deployment, which tells assignments how long to wait for company. */
  traffic: EngineTraffic;
}

/** Removes Pulumi's `__provider` and any other key outside the list. */
export function pick<T extends object>(
  value: Record<string, unknown>,
  keys: readonly (keyof T & string)[],
): Partial<T> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (value[key] !== undefined && value[key] !== null) picked[key] = value[key];
  return picked as Partial<T>;
}

/** Keys whose values differ between the old outputs and the new inputs. */
export function changedKeys<T extends object>(
  olds: Partial<T>,
  news: Partial<T>,
  keys: readonly (keyof T)[],
): (keyof T & string)[] {
  return keys.filter((key) => olds[key] !== news[key]) as (keyof T & string)[];
}
