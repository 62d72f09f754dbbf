/** The package's version: what GetPluginInfo and the schema report, and the version `pulumi plugin install` names. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Read from the package's own package.json, found by walking up from this file: it sits at a different depth in
 * dist/ (built), in the sources (tests) and in the plugin archive, and JSON imports would copy it into dist/.
 */
export function packageVersion(start: string = __dirname): string {
  for (let directory = start; ; directory = dirname(directory)) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'pulumi-sinch-voice' && manifest.version) return manifest.version;
    }
    if (dirname(directory) === directory)
      throw new Error(`pulumi-sinch-voice: no package.json of the package above ${start}`);
  }
}
