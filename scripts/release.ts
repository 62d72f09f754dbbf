/**
 * `npm run release:artifacts`: everything a release publishes, built from this checkout into one folder, with a
 * checksum file. Publishing stays out (no registry credentials here); CONTRIBUTING.md, "Releasing", says where each goes.
 *
 *   pulumi-sinch-voice-<version>.tgz                     the npm package (dynamic resources, client, simulator)
 *   pulumi-sinch-voice-sinch-<version>.tgz               the Node.js SDK, @pulumi-sinch-voice/sinch
 *   pulumi_sinch_voice-<version>-py3-none-any.whl        the Python SDK, wheel
 *   pulumi_sinch_voice-<version>.tar.gz                  the Python SDK, source distribution
 *   pulumi-resource-sinch-v<version>-<os>-<arch>.tar.gz  the plugin, one self-contained archive per platform
 *   SHA256SUMS                                           sha256sum's format, one line per file above
 *
 *   node dist/scripts/release.js [--out <directory>]    (default: dist/release); prints each artifact's path
 *
 * The Go SDK is published by a tag, not a file: `sdk/go/v<version>` on the commit (see CONTRIBUTING.md, "Releasing").
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { cacheDirectory, run } from './commands';
import { packPlugin, RuntimeUnavailable } from './pluginPack';
import { REPOSITORY } from './repository';
import { withTicker } from './ticker';

type Log = (line: string) => void;

/** `npm pack` of a folder into `out`; answers the tarball's path. */
function npmPack(directory: string, out: string): string {
  // --ignore-scripts: pack what is built (the callers build first).
  const name = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], directory)
    .trim()
    .split('\n')
    .at(-1) as string;
  return join(out, name);
}

/** The npm package, as `npm publish` would send it (the build that is in dist/). */
export function packPackage(out: string): string {
  return npmPack(REPOSITORY, out);
}

/**
 * The Node.js SDK as Pulumi's providers publish theirs: compiled with the repository's TypeScript into bin/, the
 * package.json and README beside the JavaScript, packed from there.
 */
export function packNodejsSdk(out: string): string {
  // Inside the repository, so that the compiler finds @pulumi/pulumi and @types/node in its node_modules, as
  // check-sdks.sh's type check does; the SDK's own node_modules would be its user's.
  mkdirSync(join(REPOSITORY, 'dist'), { recursive: true });
  const source = mkdtempSync(join(REPOSITORY, 'dist', 'nodejs-sdk-'));
  try {
    cpSync(join(REPOSITORY, 'sdk', 'nodejs'), source, { recursive: true });
    run(process.execPath, [join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', source], source);
    const bin = join(source, 'bin');
    for (const file of ['package.json', 'README.md']) copyFileSync(join(source, file), join(bin, file));
    copyFileSync(join(REPOSITORY, 'LICENSE'), join(bin, 'LICENSE'));
    return npmPack(bin, out);
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
}

/** A virtual environment with PyPI's `build`, kept between runs: `python -m build` makes the wheel and the sdist. */
function pythonBuildTool(log: Log): string {
  const directory = cacheDirectory('python-build');
  const python = join(directory, 'bin', 'python');
  if (!existsSync(join(directory, '.ready'))) {
    log('release: installing the Python package builder (build, from PyPI) into a virtual environment');
    rmSync(directory, { recursive: true, force: true });
    run('python3', ['-m', 'venv', directory], REPOSITORY);
    withTicker('release: installing build from PyPI', () =>
      run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'build>=1.2'], REPOSITORY),
    );
    writeFileSync(join(directory, '.ready'), '');
  }
  return python;
}

/** The Python SDK's wheel and source distribution, built from a copy of sdk/python (the build writes beside it). */
export function buildPythonSdk(out: string, log: Log = () => undefined): string[] {
  const python = pythonBuildTool(log);
  const staging = mkdtempSync(join(tmpdir(), 'sinch-python-sdk-'));
  try {
    const source = join(staging, 'python');
    cpSync(join(REPOSITORY, 'sdk', 'python'), source, { recursive: true });
    const dist = join(staging, 'dist');
    try {
      // Its first run fetches setuptools from PyPI into an isolated environment.
      withTicker('release: building the wheel and the sdist', () =>
        run(python, ['-m', 'build', '--outdir', dist, source], staging),
      );
    } catch (error) {
      throw new Error(
        `python -m build failed: ${String((error as { stderr?: string }).stderr ?? error)
          .trim()
          .slice(-2000)}`,
        { cause: error },
      );
    }
    return readdirSync(dist).map((file) => {
      copyFileSync(join(dist, file), join(out, file));
      return join(out, file);
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** sha256sum's format: `<hex>  <name>`, one line per file, sorted by name. */
export function writeChecksums(files: string[], out: string): string {
  const lines = files
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${basename(file)}`)
    .sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
  const file = join(out, 'SHA256SUMS');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function releaseArtifacts(out: string, log: Log = () => undefined): string[] {
  mkdirSync(out, { recursive: true });
  log('release: the npm package');
  const files = [packPackage(out)];
  log('release: the Node.js SDK');
  files.push(packNodejsSdk(out));
  log('release: the Python SDK (wheel and sdist)');
  files.push(...buildPythonSdk(out, log));
  log('release: the plugin archives');
  files.push(...packPlugin({ out, log }));
  return [...files, writeChecksums(files, out)];
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = resolve(
    at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : join(REPOSITORY, 'dist', 'release'),
  );
  try {
    for (const file of releaseArtifacts(out, (line) => console.error(line))) console.log(file);
  } catch (error) {
    console.error(
      `release: ${error instanceof RuntimeUnavailable ? `plugin:pack: ${error.message}` : (error as Error).message}`,
    );
    process.exit(1);
  }
}
