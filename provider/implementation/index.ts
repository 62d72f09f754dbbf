/** The implementation behind both front ends. Importing it has no side effects: each runtime is made by its front end. */
import { serveDynamic } from './dynamic';
import type { DynamicMethod, ResourceKind } from './kinds';
export { applicationCallbacksProvider } from './applicationCallbacks';
export { numberAssignmentProvider } from './numberAssignment';
export { bindingKey } from './listing';
export type { ProviderContext } from './context';
export { Claims } from './claims';
export { deploymentContext } from './deployment';
export { DEFAULT_COALESCING, LiveBindings, type Coalescing, type LiveBinding } from './liveBindings';
export { SharedAssignmentFailed } from './assignmentBatches';
export { EngineTraffic, type AssignmentWindow } from './engineTraffic';
export { SinchCredentialsRefused } from './credentials';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime';
export * from './functions';
export * from './kinds';
export * from './requests';
export * from './types';

/**
 * The entry point of the serialized shims (provider/shims): every dynamic provider method of every resource kind
 * comes through here, by this module's name, so that a refresh or a destroy runs the installed package.
 */
export async function dispatch(kind: ResourceKind, method: DynamicMethod, args: unknown[]): Promise<unknown> {
  return serveDynamic(kind, method, args);
}
