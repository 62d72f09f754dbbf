export { APPLICATION_CALLBACKS } from './applicationCallbacks';
export { FUNCTIONS } from './functions';
export { NUMBER_ASSIGNMENT } from './numberAssignment';
export * from './property';
export { SETTINGS, type SettingName, type SettingShape } from './settings';
