/**
 * Everything the plugin needs that loads the client (axios, zod, libphonenumber: about 350 ms of requires on a busy
 * machine), behind one boundary that lazy.ts loads on first use. The engine starts a plugin process per provider
 * instance per phase, and some only ask for the schema; those never pay for it.
 */
export { createRuntime, type Runtime } from '../implementation/runtime';
export { diffResponse } from './diff';
export { checkSettings, settingsOf } from './settings';
