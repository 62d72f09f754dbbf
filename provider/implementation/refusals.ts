/**
 * The provider's own refusals of a binding, as errors a caller can read: the number, its capability, and the
 * application that holds it (or none). Each says in its message what was left untouched and how to proceed.
 */
import type { Capability } from '../client/types';

/** The number is bound to another application than the stack declares, and the stack may not take it. */
export class NumberBoundElsewhere extends Error {
  override readonly name = 'NumberBoundElsewhere';

  constructor(
    readonly number: string,
    readonly capability: Capability,
    /** The application the number is bound to. */
    readonly holder: string,
    /** The application the stack declares. */
    readonly declared: string,
  ) {
    super(
      `${number} (${capability}) is bound to application ${holder}, not to ${declared} as this stack declares. ` +
        'It was left untouched. To move it, set allowReassign: true on this NumberAssignment; ' +
        'or unassign it from that application in the Sinch dashboard first.',
    );
  }
}

/** The number is not one of the project's: the configuration API does not list it, so nothing holds it here. */
export class NumberNotOwned extends Error {
  override readonly name = 'NumberNotOwned';
  /** No application of this project holds a number the project does not have. */
  readonly holder = undefined;

  constructor(readonly number: string) {
    super(
      `${number} is not a number of this Sinch project: the configuration API does not list it. Check the number, or add it to the project in the Sinch dashboard.`,
    );
  }
}
