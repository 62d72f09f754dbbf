/**
 * `npm run plugin:pack`: the provider plugin as an archive that
 * `pulumi plugin install resource sinch <version> --file <archive>` installs into PULUMI_HOME and that runs with no
 * network: the packed package (what `npm pack` ships) with its production dependencies installed beside it, and
 * @pulumi/pulumi among them (the plugin loads its protocol stubs; in a user's project it is the peer dependency),
 * at the versions package-lock.json pins. No PulumiPlugin.yaml: with one, `pulumi plugin install` would run npm
 * install at install time. At the root, `pulumi-resource-sinch`, the name the engine runs. Needs Node.js 22 or newer
 * on PATH where it runs.
 *
 *   node dist/scripts/pluginPack.js [--out <directory>]     (default: dist/); prints the archive's path
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPOSITORY = join(__dirname, '..', '..');

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Pulumi's names for the platform, as plugin archives are named (`linux-amd64`, `darwin-arm64`). */
function pulumiPlatform(): string {
  const architectures: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };
  return `${platform()}-${architectures[arch()] ?? arch()}`;
}

/** Runs from the plugin's own directory, wherever `pulumi plugin install` unpacked it; node from PATH. */
const WRAPPER = `#!/bin/sh
# The Pulumi provider plugin of package \`sinch\` (pulumi-sinch-voice), as \`pulumi plugin install\` unpacks it.
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd) || exit 1
exec node "$here/bin/pulumi-resource-sinch" "$@"
`;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function packPlugin(out: string): string {
  const version = readJson<Manifest>(join(REPOSITORY, 'package.json')).version;
  const sdk = readJson<Manifest>(join(REPOSITORY, 'node_modules', '@pulumi', 'pulumi', 'package.json')).version;
  const staging = mkdtempSync(join(tmpdir(), 'sinch-plugin-pack-'));
  try {
    // --ignore-scripts: pack the build that is there (`npm run plugin:pack` builds first).
    const tarball = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', staging], REPOSITORY)
      .trim()
      .split('\n')
      .at(-1) as string;
    run('tar', ['-xzf', join(staging, tarball), '-C', staging], staging);
    const root = join(staging, 'package');
    const manifest = readJson<Manifest>(join(root, 'package.json'));
    // The SDK the plugin's stubs come from, at the version this repository develops and tests against.
    manifest.dependencies = { ...manifest.dependencies, '@pulumi/pulumi': sdk };
    delete manifest.devDependencies;
    delete manifest.peerDependencies;
    delete manifest.scripts;
    writeFileSync(join(root, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    copyFileSync(join(REPOSITORY, 'package-lock.json'), join(root, 'package-lock.json'));
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], root);
    writeFileSync(join(root, 'pulumi-resource-sinch'), WRAPPER);
    chmodSync(join(root, 'pulumi-resource-sinch'), 0o755);
    mkdirSync(out, { recursive: true });
    const archive = join(out, `pulumi-resource-sinch-v${version}-${pulumiPlatform()}.tar.gz`);
    run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', archive, '-C', root, '.'], root);
    return archive;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = resolve(at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : join(REPOSITORY, 'dist'));
  console.log(packPlugin(out));
}
