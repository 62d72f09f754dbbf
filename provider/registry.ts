/**
 * Every resource kind and function the package provides, each registered once. The kinds, the plugin's tokens, the
 * runtime's dispatch, the schema, the docs' pages and import names, and the engine-traffic rules derive from these two
 * objects. Adding a resource is its own files (shape, implementation, resource class, shim) and one entry in
 * RESOURCES; test/provider/registry.test.ts fails while any of them is missing. See CONTRIBUTING.md.
 */
import { APPLICATION_CALLBACKS_RESOURCE } from './implementation/applicationCallbacks';
import { GET_NUMBERS_FUNCTION } from './implementation/getNumbers';
import { NUMBER_ASSIGNMENT_RESOURCE } from './implementation/numberAssignment';
import { QUERY_NUMBER_FUNCTION } from './implementation/queryNumber';
import type { FunctionRegistration, ResourceRegistration } from './implementation/registration';

export const RESOURCES = {
  NumberAssignment: NUMBER_ASSIGNMENT_RESOURCE,
  ApplicationCallbacks: APPLICATION_CALLBACKS_RESOURCE,
} as const satisfies Record<string, ResourceRegistration>;

export const FUNCTIONS = {
  getNumbers: GET_NUMBERS_FUNCTION,
  queryNumber: QUERY_NUMBER_FUNCTION,
} as const;

export type ResourceKind = keyof typeof RESOURCES;
export type FunctionName = keyof typeof FUNCTIONS;

/** The arguments and result of each function, as its registration declares them. */
export type FunctionArgs = {
  [F in FunctionName]: (typeof FUNCTIONS)[F] extends FunctionRegistration<infer Args, unknown> ? Args : never;
};
export type FunctionResults = {
  [F in FunctionName]: (typeof FUNCTIONS)[F] extends FunctionRegistration<object, infer Result> ? Result : never;
};

export const RESOURCE_KINDS = Object.keys(RESOURCES) as ResourceKind[];
export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export const isResourceKind = (name: string): name is ResourceKind => Object.hasOwn(RESOURCES, name);
