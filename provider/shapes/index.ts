import type { ResourceKind } from '../implementation/kinds';
import { APPLICATION_CALLBACKS } from './applicationCallbacks';
import { NUMBER_ASSIGNMENT } from './numberAssignment';
import type { ResourceShape } from './property';

export { APPLICATION_CALLBACKS } from './applicationCallbacks';
export { FUNCTIONS } from './functions';
export { NUMBER_ASSIGNMENT } from './numberAssignment';
export * from './property';
export { SETTINGS, type SettingName, type SettingShape } from './settings';

/** Each resource kind's shape, for the code that is handed a kind (the schema, the plugin's diff, the docs). */
export const RESOURCE_SHAPES = {
  NumberAssignment: NUMBER_ASSIGNMENT,
  ApplicationCallbacks: APPLICATION_CALLBACKS,
} satisfies Record<ResourceKind, ResourceShape>;
