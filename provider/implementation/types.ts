/** The implementation's types and key lists, all derived from the declared shapes (provider/shapes). */
import {
  APPLICATION_CALLBACKS,
  inputNames,
  NUMBER_ASSIGNMENT,
  outputNames,
  type CheckedInputs,
  type Outputs,
} from '../shapes';

/** NumberAssignment's inputs after check: every default filled in. */
export type NumberAssignmentInputs = CheckedInputs<typeof NUMBER_ASSIGNMENT>;
/** What a NumberAssignment's state holds: see NUMBER_ASSIGNMENT for each property. */
export type NumberAssignmentOutputs = Outputs<typeof NUMBER_ASSIGNMENT>;

/** ApplicationCallbacks' inputs after check; an absent fallback means none is configured. */
export type ApplicationCallbacksInputs = CheckedInputs<typeof APPLICATION_CALLBACKS>;
/** What an ApplicationCallbacks' state holds: see APPLICATION_CALLBACKS for each property. */
export type ApplicationCallbacksOutputs = Outputs<typeof APPLICATION_CALLBACKS>;

export const NUMBER_ASSIGNMENT_INPUTS = inputNames(NUMBER_ASSIGNMENT);
export const NUMBER_ASSIGNMENT_OUTPUTS = outputNames(NUMBER_ASSIGNMENT);
export const APPLICATION_CALLBACKS_FIELDS = inputNames(APPLICATION_CALLBACKS);
export const APPLICATION_CALLBACKS_OUTPUTS = outputNames(APPLICATION_CALLBACKS);
