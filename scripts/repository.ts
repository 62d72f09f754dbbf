import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository: above scripts/ in the sources (the tests load them), above dist/scripts/ once built. */
function repository(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'tools', 'sdkgen', 'go.mod'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no tools/sdkgen/go.mod above ${start}`);
  }
}

export const REPOSITORY = repository(__dirname);
