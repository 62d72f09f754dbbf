/** The provider methods of a resource kind, in the order the engine uses them. */
export const RESOURCE_METHODS = ['check', 'diff', 'create', 'read', 'update', 'delete'] as const;
export type ResourceMethod = (typeof RESOURCE_METHODS)[number];

/** A dynamic provider's methods: configure, then the resource methods. */
export const DYNAMIC_METHODS = ['configure', ...RESOURCE_METHODS] as const;
export type DynamicMethod = (typeof DYNAMIC_METHODS)[number];
