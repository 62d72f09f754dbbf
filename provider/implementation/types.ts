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
  /**
   * What create found, so that delete undoes only this resource's own change. `adopted`: the number was already
   * bound to the declared application, and nothing was written. Absent in states written before 0.2, whose delete
   * unassigns as it always did.
   */
  adopted?: boolean;
  /** The application that held the number when this resource was created; absent when it was unbound. */
  foundApplicationKey?: string;
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
  /**
   * What create found: `adopted` when the live URLs already were the declared ones (nothing was written), and the
   * URLs that were set (`foundPrimary`, `foundFallback`; absent when none was), which delete puts back. `adopted` is
   * absent in states written before 0.2, whose delete clears the URLs as it always did.
   */
  adopted?: boolean;
  foundPrimary?: string;
  foundFallback?: string;
}

export const NUMBER_ASSIGNMENT_INPUTS = ['number', 'applicationKey', 'capability', 'allowReassign'] as const;
export const NUMBER_ASSIGNMENT_OUTPUTS = [...NUMBER_ASSIGNMENT_INPUTS, 'assignedApplicationKey', 'adopted', 'foundApplicationKey'] as const;
export const APPLICATION_CALLBACKS_FIELDS = ['applicationKey', 'primary', 'fallback'] as const;
export const APPLICATION_CALLBACKS_OUTPUTS = [
  ...APPLICATION_CALLBACKS_FIELDS,
  'appliedPrimary',
  'appliedFallback',
  'adopted',
  'foundPrimary',
  'foundFallback',
] as const;
