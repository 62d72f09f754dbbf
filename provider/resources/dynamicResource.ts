import * as pulumi from '@pulumi/pulumi';
import type { ResourceKind } from '../registry';

/** The `<module>` of the package's dynamic types, `pulumi-nodejs:dynamic/<module>:<kind>`. */
const DYNAMIC_MODULE = 'sinch';

/** The type of a kind's resources, as `pulumi.dynamic.Resource` names it: the engine routes it to Pulumi's host. */
export const dynamicType = (kind: ResourceKind): string => `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${kind}`;

/**
 * A resource's properties with its kind's `__provider`: registered with dynamicType, a resource class extending
 * CustomResource is a resource of Pulumi's dynamic provider exactly as `pulumi.dynamic.Resource` registers one, with a
 * `__provider` about a quarter as long.
 *
 * The engine stores `__provider` twice in each resource's state (inputs and outputs) and writes the whole state at
 * every checkpoint, two for each resource an `up` or a `destroy` writes. At hundreds of bindings the bytes of the
 * state are most of the engine's work (bench/README.md, "What the state costs"). Pulumi's closure serializer wraps a
 * require of the shim in about 200 bytes of function scaffolding, while the dynamic-provider host needs only a module
 * whose `exports.handler()` returns the provider (@pulumi/pulumi, cmd/dynamic-provider, `getProvider`). The serializer
 * still decides how the shim is reached: only when it writes the shim as a require of the installed module does
 * `__provider` become that require alone (providerLoader).
 *
 * Extending CustomResource directly, with no class of this package between, also makes the source position Pulumi
 * records the program's line that declared the resource, as for any provider's resource class: Pulumi skips the
 * frames of Resource, CustomResource and one subclass.
 */
export function withProvider(
  kind: ResourceKind,
  shim: pulumi.dynamic.ResourceProvider,
  props: Record<string, unknown>,
): pulumi.Inputs {
  return { ...props, __provider: serialized(kind, shim) };
}

const texts = new Map<ResourceKind, Promise<string>>();

/** Each kind's `__provider`, serialized once per process: a kind has one shim, and all its resources the same text. */
function serialized(kind: ResourceKind, shim: pulumi.dynamic.ResourceProvider): Promise<string> {
  let text = texts.get(kind);
  if (text === undefined) {
    // No secret can be captured: the shim holds none, and the serializer throws rather than write one.
    text = pulumi.runtime
      .serializeFunction(() => shim, { allowSecrets: false })
      .then((closure) => providerLoader(closure.text));
    texts.set(kind, text);
  }
  return text;
}

/**
 * How the serializer's text of `() => shim` starts when it requires the shim's module by name rather than copying its
 * code: the handler, then the shim's own declaration. Anchored at the start, so that a require of that name inside
 * copied code cannot be taken for it.
 */
const REQUIRED_BY_NAME = /^exports\.handler = __f[0-9]+;\nconst shim = require\(("[^"\\\r\n]+")\);\n/;

/**
 * The `__provider` for the serializer's text of `() => shim`: when the text requires the shim's module by name, a
 * module whose handler requires it the same way; otherwise (the shim copied by value, as when run from this
 * repository) the serializer's text itself.
 */
export function providerLoader(serializerText: string): string {
  const name = REQUIRED_BY_NAME.exec(serializerText)?.[1];
  return name === undefined ? serializerText : `exports.handler = () => require(${name});\n`;
}
