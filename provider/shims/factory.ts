import type * as pulumi from '@pulumi/pulumi';
import { DYNAMIC_METHODS, type DynamicMethod, type ResourceKind } from '../implementation/kinds';

export type { ResourceKind };
export type ProviderMethod = DynamicMethod;

/**
 * The dynamic provider of one resource kind. It holds no credentials and no logic: each method loads the
 * implementation from the installed package by name when it runs, so refresh and delete run the installed code
 * rather than the code of the version that created the resource.
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
