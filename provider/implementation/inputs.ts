/** What `check` and `diff` derive from a resource's declared shape: defaults to fill, and which changes replace. */
import type { SinchProviderSettings } from '../configuration';
import {
  constantDefaults,
  inputNames,
  outputNames,
  replaceNames,
  updateNames,
  type CheckedInputs,
  type Outputs,
  type ResourceShape,
} from '../shapes';
import { issuedForm } from '../validation';
import { changedKeys, pick } from './context';

/**
 * The declared inputs with every absent one (undefined or null) given its default: a constant, or a setting such
 * as `sinch:applicationKey`. A present value is kept as it is, however wrong (`false`, `0` and `""` are for check
 * to refuse, not to replace).
 */
export function withDefaults<S extends ResourceShape>(
  shape: S,
  news: object,
  settings: SinchProviderSettings,
): Partial<CheckedInputs<S>> {
  const given = pick<Record<string, unknown>>(news as Record<string, unknown>, inputNames(shape));
  const filled: Record<string, unknown> = { ...given };
  for (const name of inputNames(shape)) {
    const property = shape.properties[name] as S['properties'][string];
    if (filled[name] !== undefined) continue;
    const value =
      property.default ?? (property.defaultSetting === undefined ? undefined : settings[property.defaultSetting]);
    if (value !== undefined) filled[name] = value;
  }
  return filled as Partial<CheckedInputs<S>>;
}

/** Properties that hold an application key: an earlier release stored them as written (dashless, or in capitals). */
const APPLICATION_KEY_PROPERTY = /applicationKey$/i;

/**
 * The state's properties as today's shape reads them: a state written by an earlier version gets today's constant
 * defaults, and its application keys in the form Sinch issues them, so that they compare equal to today's inputs.
 */
export function recorded<S extends ResourceShape>(shape: S, olds: object | undefined): Partial<Outputs<S>> {
  const state: Record<string, unknown> = {
    ...constantDefaults(shape),
    ...pick<Record<string, unknown>>((olds ?? {}) as Record<string, unknown>, outputNames(shape)),
  };
  for (const name of Object.keys(state)) if (APPLICATION_KEY_PROPERTY.test(name)) state[name] = issuedForm(state[name]);
  return state as Partial<Outputs<S>>;
}

/**
 * Which inputs changed between the state (migrated: see ResourceRegistration.migrate) and the checked inputs, and
 * which of those replace the resource.
 */
export function diffInputs<S extends ResourceShape>(
  shape: S,
  olds: object,
  news: object,
): { changes: boolean; replaces: string[]; deleteBeforeReplace: false } {
  const previous = olds as Record<string, unknown>;
  const next = news as Record<string, unknown>;
  const replaces = changedKeys(previous, next, replaceNames(shape));
  const changes = [...replaces, ...changedKeys(previous, next, updateNames(shape))];
  return { changes: changes.length > 0, replaces, deleteBeforeReplace: false };
}
