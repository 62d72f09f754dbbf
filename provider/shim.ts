import type * as pulumi from '@pulumi/pulumi';

export type ResourceKind = 'NumberAssignment' | 'ApplicationCallbacks';

const METHODS = ['configure', 'check', 'diff', 'create', 'read', 'update', 'delete'] as const;
export type ProviderMethod = (typeof METHODS)[number];

/**
 * The dynamic provider that Pulumi serializes into `__provider`. It holds no credentials and no logic: each method
 * loads the implementation from the installed package by name when it runs. So `__provider` stays a few hundred bytes,
 * does not change when the package's internals change, and refresh and delete run the installed code rather than the
 * code captured when the resource was created.
 */
function shim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  const provider: Record<string, unknown> = {};
  for (const method of METHODS) {
    // Serialized seven times into every resource's state, twice: each character here costs 14 per resource.
    provider[method] = (...a: unknown[]) => require('pulumi-sinch-voice/implementation').dispatch(kind, method, a);
  }
  return provider as unknown as pulumi.dynamic.ResourceProvider;
}

/** One shim object per kind, so Pulumi serializes each once per program (it caches by object). */
export const shims: Readonly<Record<ResourceKind, pulumi.dynamic.ResourceProvider>> = {
  NumberAssignment: shim('NumberAssignment'),
  ApplicationCallbacks: shim('ApplicationCallbacks'),
};
