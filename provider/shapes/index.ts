export {
  APPLICATION_CALLBACKS,
  callbacksResourceName,
  type ApplicationCallbacksInputs,
  type ApplicationCallbacksOutputs,
} from './applicationCallbacks';
export { FUNCTION_SHAPES } from './functions';
export {
  NUMBER_ASSIGNMENT,
  numberResourceName,
  type NumberAssignmentInputs,
  type NumberAssignmentOutputs,
} from './numberAssignment';
export * from './property';
export { SETTINGS, type SettingName, type SettingShape } from './settings';
