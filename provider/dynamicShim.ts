import type * as pulumi from '@pulumi/pulumi';
import { DYNAMIC_METHODS } from './implementation/methods';
import type { ResourceKind } from './registry';

/**
 * The dynamic provider of one resource kind, which Pulumi serializes into every resource's `__provider`, twice
 * (inputs and outputs), with every checkpoint. It holds no credentials and no logic: each method loads the
 * implementation from the installed package by name when it runs, so refresh and delete run the installed code rather
 * than the code of the version that created the resource.
 *
 * Each kind's shim is the whole `module.exports` of `provider/shims/<kind>.ts`, exported as
 * `pulumi-sinch-voice/shims/<kind>` (package.json, `./shims/*`): Pulumi's closure serializer writes a module found in
 * node_modules as `require("<its export name>")` rather than by value, and the resource classes keep that require
 * alone (resources/dynamicResource.ts), so `__provider` is 78 bytes in a user's stack. Those names are recorded in
 * every stack ever deployed: they stay. (Run from this repository, the module is not in node_modules and is
 * serialized by value.)
 */
export function shim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const provider: Record<string, unknown> = {};
  for (const method of DYNAMIC_METHODS) {
    provider[method] = (...args: unknown[]) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- by name, when the method runs: see above
      require('pulumi-sinch-voice/implementation').dispatch(kind, method, args);
  }
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}
