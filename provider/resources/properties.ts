import { inputNames, outputNames, type CheckedInputs, type ResourceShape } from '../shapes';

/**
 * The properties a dynamic resource registers: each input as the program gave it, and each output as undefined (a
 * resource has a property only for the names it registers). Derived from the shape, so a new property needs no edit here.
 */
export function registeredProperties(shape: ResourceShape, args: object): Record<string, unknown> {
  const given = args as Record<string, unknown>;
  const inputs = new Set<string>(inputNames(shape));
  return Object.fromEntries(outputNames(shape).map((name) => [name, inputs.has(name) ? given[name] : undefined]));
}

/**
 * A compile-time check that a resource's hand-written Args (which carry the editor's documentation) name exactly
 * the shape's inputs: `true` only then.
 */
export type ArgsMatchShape<Args, S extends ResourceShape> = [keyof Args] extends [keyof CheckedInputs<S>]
  ? [keyof CheckedInputs<S>] extends [keyof Args]
    ? true
    : false
  : false;
