/** Each resource kind's implementation as the runtime calls it (recorded states migrated), for one context. */
import {
  implementationOf,
  RESOURCES,
  type ProviderContext,
  type ResourceImplementation,
} from '../../provider/implementation';

export const numberAssignmentProvider = (context: ProviderContext): ResourceImplementation =>
  implementationOf(RESOURCES.NumberAssignment, context);

export const applicationCallbacksProvider = (context: ProviderContext): ResourceImplementation =>
  implementationOf(RESOURCES.ApplicationCallbacks, context);
