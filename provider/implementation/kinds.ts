/** The resource kinds and functions the package provides: every front end, shape and registry is keyed by these. */
export const RESOURCE_KINDS = ['NumberAssignment', 'ApplicationCallbacks'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const FUNCTION_NAMES = ['getNumbers', 'queryNumber'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The provider methods of a resource kind, in the order the engine uses them. */
export const RESOURCE_METHODS = ['check', 'diff', 'create', 'read', 'update', 'delete'] as const;
export type ResourceMethod = (typeof RESOURCE_METHODS)[number];

/** A dynamic provider's methods: configure, then the resource methods. */
export const DYNAMIC_METHODS = ['configure', ...RESOURCE_METHODS] as const;
export type DynamicMethod = (typeof DYNAMIC_METHODS)[number];
