/** The implementation behind both front ends. Importing it has no side effects: each runtime is made by its front end. */
import { serveDynamic } from './dynamic';
import type { ResourceKind } from '../registry';
import type { DynamicMethod } from './methods';
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
export type { GetNumbersArgs, GetNumbersResult } from './getNumbers';
export type { QueryNumberArgs } from './queryNumber';
export * from '../registry';
export type {
  ApplicationCallbacksInputs,
  ApplicationCallbacksOutputs,
  NumberAssignmentInputs,
  NumberAssignmentOutputs,
} from '../shapes';
export * from './methods';
export * from './registration';
export * from './requests';

/**
 * The entry point of the serialized shims (provider/shims): every dynamic provider method of every resource kind
 * comes through here, by this module's name, so that a refresh or a destroy runs the installed package.
 */
export async function dispatch(kind: ResourceKind, method: DynamicMethod, args: unknown[]): Promise<unknown> {
  return serveDynamic(kind, method, args);
}
