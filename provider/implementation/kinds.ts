/** The resource kinds and functions the package provides: every front end, shape and registry is keyed by these. */
export const RESOURCE_KINDS = ['NumberAssignment', 'ApplicationCallbacks'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const FUNCTION_NAMES = ['getNumbers', 'queryNumber'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The provider methods of a resource kind, in the order the engine uses them. */
export const RESOURCE_METHODS = ['check', 'diff', 'create', 'read', 'update', 'delete'] as const;
export type ResourceMethod = (typeof RESOURCE_METHODS)[number];
