/**
 * What the registry (provider/registry.ts) holds for each resource kind and function, and the neutral interface
 * that every front end calls: named requests in, named responses out, no front end's types.
 */
import type { SinchConfigurationClient } from '../client';
import type { FunctionShape, ResourceShape } from '../shapes/property';
import type { InputParser } from '../validation';
import type { ProviderContext } from './context';
import type { ResourceMethod } from './methods';
import type { PropertyValues, RequestOf, ResponseOf } from './requests';

/** A resource kind's implementation for one provider instance: each method takes its request object. */
export type ResourceImplementation = {
  readonly [M in ResourceMethod]: (request: RequestOf<M>) => Promise<ResponseOf<M>>;
};

export interface ResourceRegistration {
  /** Its properties, defaults and replacements: the schema, the docs, check and diff derive from it. */
  readonly shape: ResourceShape;
  /**
   * The implementation, which expects every recorded state it is handed to have been through `migrate`: call it
   * through implementationOf, never directly.
   */
  readonly implement: (context: ProviderContext) => ResourceImplementation;
  /**
   * A state recorded by any earlier release, as today's methods read it. The one place that knows what earlier
   * releases wrote: applied once, to the state a request carries (diff's and update's olds, read's and delete's
   * props). An import's read carries no state: `migrate({})` must not invent one.
   */
  readonly migrate: (recorded: PropertyValues) => PropertyValues;
  /** The resource name that `pulumi import` and the generator give the object with this id. */
  readonly resourceName: (id: string) => string;
}

export interface FunctionRegistration<Args extends object, Result> {
  readonly shape: FunctionShape;
  /** The parser of each argument; an absent optional one is left out of `Args`. */
  readonly arguments: { readonly [K in keyof Required<Args>]: InputParser };
  readonly call: (client: SinchConfigurationClient, args: Args) => Promise<Result>;
}

/** A registration's implementation as every front end and test calls it: each recorded state migrated first. */
export function implementationOf(registration: ResourceRegistration, context: ProviderContext): ResourceImplementation {
  const methods = registration.implement(context);
  const { migrate } = registration;
  return {
    check: (request) => methods.check(request),
    diff: (request) => methods.diff({ ...request, olds: migrate(request.olds) }),
    create: (request) => methods.create(request),
    read: (request) => methods.read({ ...request, props: migrate(request.props) }),
    update: (request) => methods.update({ ...request, olds: migrate(request.olds) }),
    delete: (request) => methods.delete({ ...request, props: migrate(request.props) }),
  };
}
