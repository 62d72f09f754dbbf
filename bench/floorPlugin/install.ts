/**
 * Installs the floor plugin (nothing.ts, as built) in the scratch project's node_modules, beside the packed package:
 * `node_modules/sinch-bench-floor-plugin/bin/pulumi-resource-nothing`, the path the floor's YAML projects name in
 * `plugins.providers[].path`. There it loads @grpc/grpc-js and @pulumi/pulumi/proto from the project, the copies that
 * `pulumi-resource-sinch` (node_modules/pulumi-sinch-voice/bin) loads, and Node from PATH, as that plugin does.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_PLUGIN_MODULE = 'sinch-bench-floor-plugin';
export const FLOOR_PLUGIN_EXECUTABLE = 'pulumi-resource-nothing';
/** The built server's file name (nothing.ts as built, beside this file). */
export const FLOOR_PLUGIN_SERVER = 'nothing.js';

/** Same shape as bin/pulumi-resource-sinch: a two-line entry that requires the built server. */
const ENTRY = `#!/usr/bin/env node
// The benchmark's do-nothing provider plugin (package \`nothing\`), started by the engine with its address.
'use strict';
require('../nothing.js').main();
`;

/**
 * Writes the plugin into `<project>/node_modules/sinch-bench-floor-plugin`; answers the directory of its executable.
 * `server` is the built nothing.js (beside this file once built).
 */
export function installFloorPlugin(project: string, server: string = join(__dirname, FLOOR_PLUGIN_SERVER)): string {
  const directory = join(project, 'node_modules', FLOOR_PLUGIN_MODULE);
  const bin = join(directory, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: FLOOR_PLUGIN_MODULE, version: '1.0.0', private: true, main: 'nothing.js' }, null, 2)}\n`,
  );
  copyFileSync(server, join(directory, FLOOR_PLUGIN_SERVER));
  const executable = join(bin, FLOOR_PLUGIN_EXECUTABLE);
  writeFileSync(executable, ENTRY);
  chmodSync(executable, 0o755);
  return bin;
}
