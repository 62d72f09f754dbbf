/**
 * Everything the plugin needs of the implementation, behind one boundary that lazy.ts loads on first use: the engine
 * starts a plugin process per provider instance per phase, and some only ask for the schema; those never load it.
 * The HTTP stack (axios, zod) and libphonenumber wait longer still, for the first connection or number.
 */
export { createRuntime, type Runtime } from '../implementation/runtime';
export { diffResponse } from './diff';
export { checkSettings, settingsOf } from './settings';
