/** What the packing and release scripts share: running a command for its output, and the cache they keep things in. */
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A command's stdout; its stderr is kept for the error when it fails. */
export function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * A folder of the cache kept between runs (downloaded runtimes, the Python package builder), where
 * scripts/pulumi-ensure.sh keeps the CLI it builds: PULUMI_SINCH_VOICE_CACHE, else the user's cache folder.
 */
export const cacheDirectory = (name: string): string =>
  join(
    process.env.PULUMI_SINCH_VOICE_CACHE ??
      join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'pulumi-sinch-voice'),
    name,
  );
