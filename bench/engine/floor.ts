/**
 * The engine's floor: a dynamic provider that does nothing, installed in the scratch project's node_modules as a
 * module of its own, whose whole `module.exports` is the provider, declared with `pulumi.dynamic.Resource`: Pulumi's
 * closure serializer writes it as `require("sinch-bench-floor")` in its function scaffolding, 257 bytes of
 * `__provider` per resource (the package's resources keep only the require: provider/resources/dynamicResource.ts).
 * A provider object defined in the program would be serialized by value for every resource: work the provider does
 * not do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FLOOR_MODULE = 'sinch-bench-floor';

const SOURCE = `'use strict';
// The benchmark's do-nothing dynamic provider: every method answers at once.
module.exports = {
  check: async (_olds, news) => ({ inputs: news }),
  diff: async () => ({ changes: false }),
  create: async (inputs) => ({ id: inputs.key, outs: inputs }),
  read: async (id, props) => ({ id, props }),
  delete: async () => undefined,
};
`;

/** Writes the floor's module into `<project>/node_modules/sinch-bench-floor`. */
export function installFloorProvider(project: string): void {
  installModule(project, FLOOR_MODULE, SOURCE);
}

/** Writes `<project>/node_modules/<name>`: a package whose `index.js` is `source`, required by its name. */
export function installModule(project: string, name: string, source: string): void {
  const directory = join(project, 'node_modules', name);
  mkdirSync(directory, { recursive: true });
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', exports: { '.': './index.js' } }, null, 2)}\n`,
  );
  writeFileSync(join(directory, 'index.js'), source);
}
