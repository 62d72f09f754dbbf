import type * as pulumi from '@pulumi/pulumi';
import applicationCallbacks = require('./shims/applicationCallbacks');
import numberAssignment = require('./shims/numberAssignment');
import type { ResourceKind } from './shims/factory';

export type { ProviderMethod, ResourceKind } from './shims/factory';

/**
 * The providers that Pulumi serializes into every resource's `__provider`, twice (inputs and outputs), and writes
 * with every checkpoint of the state. Each is the whole `module.exports` of a module of this package, exported by
 * name in package.json (`pulumi-sinch-voice/shims/…`): Pulumi's closure serializer writes a module found in
 * node_modules as `require("<its export name>")` rather than by value, so `__provider` is a few hundred bytes in a
 * user's stack. (Run from this repository, the module is not in node_modules and is serialized by value.)
 */
export const shims: Readonly<Record<ResourceKind, pulumi.dynamic.ResourceProvider>> = {
  NumberAssignment: numberAssignment,
  ApplicationCallbacks: applicationCallbacks,
};
