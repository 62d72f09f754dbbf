/** The implementation behind both front ends. Importing it has no side effects: each runtime is made by its front end. */
export { applicationCallbacksProvider } from './applicationCallbacks';
export { numberAssignmentProvider, numberAssignmentId } from './numberAssignment';
export type { ProviderContext } from './context';
export { Claims } from './claims';
export { deploymentContext } from './deployment';
export { DEFAULT_COALESCING, LiveBindings, type Coalescing, type LiveBinding } from './liveBindings';
export { SharedAssignmentFailed, type AssignmentWindow } from './assignmentBatches';
export { EngineTraffic } from './engineTraffic';
export { SinchCredentialsRefused } from './credentials';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime';
export { dispatch, type DynamicMethod } from './dynamic';
export * from './functions';
export * from './kinds';
export * from './requests';
export * from './types';
