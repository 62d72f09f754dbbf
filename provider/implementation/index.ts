import type * as pulumi from '@pulumi/pulumi';
import { resolveSettings } from '../configuration';
import type { ProviderMethod, ResourceKind } from '../shim';
import { applicationCallbacksProvider } from './applicationCallbacks';
import { deploymentContext } from './deployment';
import { numberAssignmentProvider } from './numberAssignment';

export { applicationCallbacksProvider } from './applicationCallbacks';
export { numberAssignmentProvider, numberAssignmentId } from './numberAssignment';
export type { ProviderContext } from './context';
export { Claims } from './claims';
export { deploymentContext } from './deployment';
export { DEFAULT_COALESCING, LiveBindings, type Coalescing, type LiveBinding } from './liveBindings';
export { SharedAssignmentFailed } from './assignmentBatches';
export * from './types';

/** Stack configuration as the engine gave it to configure(); one per provider process, as the engine runs one per deployment. */
let stackConfig: (key: string) => string | undefined = () => undefined;

/** Settings are resolved when each method runs: stack configuration first, then the environment. */
const context = deploymentContext(
  () => resolveSettings(stackConfig, process.env),
  (message) => console.log(`pulumi-sinch-voice: ${message}`),
);

const providers: Record<ResourceKind, pulumi.dynamic.ResourceProvider> = {
  NumberAssignment: numberAssignmentProvider(context) as pulumi.dynamic.ResourceProvider,
  ApplicationCallbacks: applicationCallbacksProvider(context) as pulumi.dynamic.ResourceProvider,
};

/** The entry point of the serialized shim: every provider method of every resource kind comes through here. */
export async function dispatch(kind: ResourceKind, method: ProviderMethod, args: unknown[]): Promise<unknown> {
  if (method === 'configure') {
    const [request] = args as [pulumi.dynamic.ConfigureRequest];
    stackConfig = (key) => {
      const value: unknown = request.config.get(key);
      return typeof value === 'string' ? value : undefined;
    };
    return undefined;
  }
  const provider = providers[kind];
  const implementation = provider?.[method] as ((...parameters: unknown[]) => Promise<unknown>) | undefined;
  if (!implementation) throw new Error(`pulumi-sinch-voice: no ${method} for ${kind}; is the installed package older than the stack's state?`);
  return implementation.apply(provider, args);
}
