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
export { SharedAssignmentFailed, type AssignmentWindow } from './assignmentBatches';
export { EngineTraffic } from './engineTraffic';
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
  if (method === 'check' || method === 'diff') {
    const answer = await implementation.apply(provider, args);
    if (kind === 'NumberAssignment' && announcesAssignment(method, args, answer)) context.traffic.announce();
    return answer;
  }
  return context.traffic.track(kind === 'NumberAssignment' && (method === 'create' || method === 'update'), () => implementation.apply(provider, args));
}

/** A check of a resource without a state (a create follows in an up), or a diff that found changes (an update or a replace follows). */
function announcesAssignment(method: 'check' | 'diff', args: unknown[], answer: unknown): boolean {
  if (method === 'check') return Object.keys((args[0] ?? {}) as object).length === 0;
  return (answer as pulumi.dynamic.DiffResult | undefined)?.changes === true;
}
