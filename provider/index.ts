export * from './client';
export {
  CONFIG_KEYS,
  ENVIRONMENT_VARIABLES,
  SinchConfigurationError,
  type SinchProviderSettings,
} from './configuration';
export { NumberBoundElsewhere, NumberNotOwned } from './implementation/refusals';
export { NumberAssignment, type NumberAssignmentArgs } from './resources/numberAssignment';
export { ApplicationCallbacks, type ApplicationCallbacksArgs } from './resources/applicationCallbacks';
export {
  getNumbers,
  getNumbersOutput,
  queryNumber,
  queryNumberOutput,
  type GetNumbersArgs,
  type GetNumbersResult,
} from './resources/functions';
export type {
  ApplicationCallbacksInputs,
  ApplicationCallbacksOutputs,
  NumberAssignmentInputs,
  NumberAssignmentOutputs,
} from './shapes';
