import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** The path of a suitable Pulumi CLI: the last line of `npm run pulumi:ensure`, which builds one on first use. */
export async function ensurePulumi(repository: string): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [join(repository, 'scripts', 'pulumi-ensure.sh')], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 30 * 60_000,
  });
  return stdout.trim().split('\n').at(-1) as string;
}

/**
 * Variables for an engine kept inside `directory`: its own PULUMI_HOME and file backend, a passphrase, no update
 * checks and no plugin downloads. PATH has the CLI first, then the Node running this process (22 or newer), which
 * the dynamic-provider plugin runs.
 */
export function isolatedPulumiEnvironment(cli: string, directory: string, passphrase: string): Record<string, string> {
  const home = join(directory, 'home');
  const backend = join(directory, 'backend');
  mkdirSync(home, { recursive: true });
  mkdirSync(backend, { recursive: true });
  return {
    PATH: [dirname(cli), dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_DISABLE_REGISTRY_RESOLVE: 'true',
  };
}
