import type { Capability } from '../client/types';

/** NumberAssignment's inputs after check: every default filled in. */
export interface NumberAssignmentInputs {
  number: string;
  applicationKey: string;
  capability: Capability;
  allowReassign: boolean;
}

export interface NumberAssignmentOutputs extends NumberAssignmentInputs {
  /**
   * The application this resource last assigned (or adopted) the number to. Refresh may show the number bound
   * elsewhere in `applicationKey`; delete unassigns only from this one.
   */
  assignedApplicationKey: string;
}

/** ApplicationCallbacks' inputs after check. */
export interface ApplicationCallbacksInputs {
  applicationKey: string;
  primary: string;
  /** Absent means no fallback is configured. */
  fallback?: string;
}

export interface ApplicationCallbacksOutputs extends ApplicationCallbacksInputs {
  /**
   * The URLs this resource last wrote. Refresh may show others in `primary` and `fallback`; delete clears only
   * URLs that still equal these.
   */
  appliedPrimary: string;
  appliedFallback?: string;
}

export const NUMBER_ASSIGNMENT_INPUTS = ['number', 'applicationKey', 'capability', 'allowReassign'] as const;
export const NUMBER_ASSIGNMENT_OUTPUTS = [...NUMBER_ASSIGNMENT_INPUTS, 'assignedApplicationKey'] as const;
export const APPLICATION_CALLBACKS_FIELDS = ['applicationKey', 'primary', 'fallback'] as const;
export const APPLICATION_CALLBACKS_OUTPUTS = [...APPLICATION_CALLBACKS_FIELDS, 'appliedPrimary', 'appliedFallback'] as const;
