/**
 * `npm run release:artifacts`, run once as a release would run it, and each artifact installed once from what it
 * built: the checksum file; each plugin archive, its layout as `pulumi plugin install` unpacks it and the Node.js
 * runtime of its own platform (the executable's header: format and CPU); the Python wheel into a new virtual
 * environment, its dependencies from PyPI; the npm package and the Node.js SDK into scratch projects. The linux-amd64
 * archive run by the engine is test/plugin/installed.test.ts's, and every SDK run through the engine is
 * test/sdk/languages.test.ts's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { executableOf, readHeader } from '../../scripts/executableFormat';
import { PLATFORMS, RUNTIMES, launcherName, runtimePath, type Platform } from '../../scripts/pluginPack';
import { PLUGIN_DOWNLOAD_URL } from '../../provider/schema/packageSchema';

jest.setTimeout(30 * 60_000);

const REPOSITORY = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};
const version = manifest.version;
const pulumiVersion = (
  JSON.parse(readFileSync(join(REPOSITORY, 'node_modules', '@pulumi', 'pulumi', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

let scratch: string;
let out: string;
let printed: string[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sinch-release-'));
  out = join(scratch, 'release');
  // The command as `npm run release:artifacts` runs it after its build (the build `npm test` made is used here).
  const stdout = execFileSync(process.execPath, [join(REPOSITORY, 'dist', 'scripts', 'release.js'), '--out', out], {
    cwd: REPOSITORY,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  printed = stdout.trim().split('\n');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const archiveOf = (platform: Platform) => join(out, `pulumi-resource-sinch-v${version}-${platform}.tar.gz`);

it('builds every artifact a release publishes, and a checksum file that matches each', () => {
  const expected = [
    `pulumi-sinch-voice-${version}.tgz`,
    `pulumi-sinch-voice-sinch-${version}.tgz`,
    `pulumi_sinch_voice-${version}-py3-none-any.whl`,
    `pulumi_sinch_voice-${version}.tar.gz`,
    ...PLATFORMS.map((platform) => basename(archiveOf(platform))),
    'SHA256SUMS',
  ];
  expect(printed.map((file) => basename(file)).sort()).toEqual([...expected].sort());
  expect(readdirSync(out).sort()).toEqual([...expected].sort());
  const sums = readFileSync(join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
  expect(sums.map((line) => line.slice(66)).sort()).toEqual(expected.filter((file) => file !== 'SHA256SUMS').sort());
  for (const line of sums) {
    const [sum, file] = [line.slice(0, 64), line.slice(66)];
    expect({
      file,
      sum: createHash('sha256')
        .update(readFileSync(join(out, file)))
        .digest('hex'),
    }).toEqual({ file, sum });
  }
});

describe.each(PLATFORMS)('the plugin archive for %s', (platform) => {
  let unpacked: string;
  beforeAll(() => {
    unpacked = mkdtempSync(join(scratch, `${platform}-`));
    execFileSync('tar', ['-xzf', archiveOf(platform), '-C', unpacked]);
  });
  afterAll(() => rmSync(unpacked, { recursive: true, force: true }));

  it('holds, at its root, the launcher the engine looks for, the bundle and the package version', () => {
    const launcher = launcherName(platform);
    expect(readdirSync(unpacked).sort()).toEqual(
      ['LICENSE', 'node', 'package.json', 'plugin.js', 'plugin.js.LEGAL.txt', launcher].sort(),
    );
    expect(launcher).toBe(platform.startsWith('windows-') ? 'pulumi-resource-sinch.cmd' : 'pulumi-resource-sinch');
    // Executable for its owner and everyone, as `pulumi plugin install` keeps the archive's modes.
    expect(statSync(join(unpacked, launcher)).mode & 0o111).toBe(0o111);
    expect(JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))).toMatchObject({
      name: 'pulumi-sinch-voice',
      version,
    });
    // The launcher starts the archive's own runtime, by its place beside the launcher: never a `node` from PATH.
    const text = readFileSync(join(unpacked, launcher), 'utf8');
    const runtime = runtimePath(platform);
    expect(text).toContain(platform.startsWith('windows-') ? runtime.replace(/\//g, '\\') : runtime);
    expect(text).not.toMatch(/(^|[\s"'])node(\.exe)?\s/m);
  });

  it("carries the Node.js runtime of its own platform, read from the executable's header", () => {
    const runtime = join(unpacked, runtimePath(platform));
    const [system, architecture] = platform.split('-') as [string, string];
    const format = { linux: 'elf', darwin: 'macho', windows: 'pe' }[system];
    expect(executableOf(readHeader(runtime))).toEqual({ format, architecture });
    expect(statSync(runtime).mode & 0o111).toBe(0o111);
    expect(RUNTIMES[platform].version).toMatch(/^22\./);
  });
});

it('the Python wheel installs into a new virtual environment, its dependencies from PyPI, and names where the plugin is released', () => {
  const venv = join(scratch, 'venv');
  execFileSync('python3', ['-m', 'venv', venv]);
  const python = join(venv, 'bin', 'python');
  const wheel = join(out, `pulumi_sinch_voice-${version}-py3-none-any.whl`);
  const install = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', wheel], {
    encoding: 'utf8',
  });
  // pip's own words when it cannot meet a requirement.
  if (install.status !== 0) throw new Error(`pip install of the wheel failed:\n${install.stderr.slice(-4000)}`);
  const plugin = execFileSync(
    python,
    [
      '-c',
      'import json, importlib.resources as r, pulumi_sinch_voice as s; ' +
        'print(json.dumps(json.loads(r.files(s).joinpath("pulumi-plugin.json").read_text())))',
    ],
    { encoding: 'utf8' },
  );
  expect(JSON.parse(plugin)).toEqual({ resource: true, name: 'sinch', version, server: PLUGIN_DOWNLOAD_URL });
});

describe('the npm tarballs install into scratch projects', () => {
  function project(name: string, dependencies: Record<string, string>): string {
    const directory = join(scratch, name);
    mkdirSync(directory);
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ name, private: true, dependencies }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
      cwd: directory,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return directory;
  }

  it('the Node.js SDK, beside the @pulumi/pulumi this repository locks: it loads, and names where the plugin is released', () => {
    const directory = project('sdk-user', {
      '@pulumi-sinch-voice/sinch': `file:${join(out, `pulumi-sinch-voice-sinch-${version}.tgz`)}`,
      '@pulumi/pulumi': pulumiVersion,
    });
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        "const sinch = require('@pulumi-sinch-voice/sinch'); " +
          "console.log(JSON.stringify({ resources: [typeof sinch.voice.NumberAssignment, typeof sinch.voice.ApplicationCallbacks, typeof sinch.Provider], functions: [typeof sinch.voice.getNumbers, typeof sinch.voice.queryNumberOutput], pulumi: require('@pulumi-sinch-voice/sinch/package.json').pulumi }))",
      ],
      { cwd: directory, encoding: 'utf8' },
    );
    expect(JSON.parse(loaded)).toEqual({
      resources: ['function', 'function', 'function'],
      functions: ['function', 'function'],
      pulumi: { resource: true, name: 'sinch', version, server: PLUGIN_DOWNLOAD_URL },
    });
  });

  it('the npm package: its dynamic resources, client and simulator load', () => {
    const directory = project('package-user', {
      'pulumi-sinch-voice': `file:${join(out, `pulumi-sinch-voice-${version}.tgz`)}`,
      '@pulumi/pulumi': pulumiVersion,
    });
    const loaded = execFileSync(
      process.execPath,
      [
        '-e',
        "const p = require('pulumi-sinch-voice'); const s = require('pulumi-sinch-voice/simulator'); " +
          'console.log(JSON.stringify([typeof p.NumberAssignment, typeof p.SinchConfigurationClient, typeof s.startSimulator]))',
      ],
      { cwd: directory, encoding: 'utf8' },
    );
    expect(JSON.parse(loaded)).toEqual(['function', 'function', 'function']);
  });
});
