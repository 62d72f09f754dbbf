import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The path of a suitable Pulumi CLI: the last line of `npm run pulumi:ensure`, which builds one on first use. Its
 * progress lines (what it fetches and compiles, at least every 15 s) go to `progress` when given, else nowhere.
 */
export function ensurePulumi(repository: string, progress?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repository, 'scripts', 'pulumi-ensure.sh')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) progress?.(line);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), 30 * 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout.trim().split('\n').at(-1) as string);
      else reject(new Error(`npm run pulumi:ensure failed (exit ${code}): ${stderr.slice(-4000)}`));
    });
  });
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
