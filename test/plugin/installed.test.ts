/**
 * The linux-amd64 plugin archive of `npm run plugin:pack`, installed with
 * `pulumi plugin install resource sinch <version> --file` into a fresh PULUMI_HOME and run by the engine for a YAML
 * program that names no plugin path, with the CLI alone on PATH (no Node.js) and without a network (a network
 * namespace with loopback only, where the machine allows one): the archive carries everything it needs, its own
 * Node.js runtime included, and says plainly when that runtime cannot start.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join } from 'node:path';
import { APP_A, NUMBERS, VOICE_ONLY } from '../support/fixtures';
import { RUNTIMES } from '../../scripts/pluginPack';
import { Engine, REPOSITORY, runToExit } from './cli';

jest.setTimeout(20 * 60_000);

let engine: Engine;
beforeAll(async () => {
  engine = await Engine.create();
});
afterAll(() => engine?.remove());

const version = (JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { version: string }).version;

/** `unshare --net` works here (it needs root, or user namespaces). */
const canIsolate = spawnSync('unshare', ['--net', 'true']).status === 0;

interface Step {
  code: number | null;
  output: string;
}

interface Answer {
  error?: string;
  outside: boolean;
  install: Step;
  installed: string[];
  steps: Step[];
  firstPreview: Step;
  up: Step;
  afterUp: { bindings: Record<string, string> };
  refresh: Step;
  preview: Step;
  destroy: Step;
  afterDestroy: { bindings: Record<string, string> };
  /** The executable of every plugin process seen while the steps ran. */
  executables: string[];
}

/** A step that succeeded; one that did not fails the test with what the CLI printed. */
function succeeded(name: string, step: Step): void {
  if (step.code !== 0) throw new Error(`${name} exited with ${step.code}:\n${step.output.slice(-8000)}`);
}

function runOffline(request: Record<string, unknown>): Promise<Answer> {
  const script = join(__dirname, 'offline.js');
  const [command, args] = canIsolate ? ['unshare', ['--net', process.execPath, script]] : [process.execPath, [script]];
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, args as string[], { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('close', () => {
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Answer);
      } catch {
        reject(new Error(`the offline runner printed no answer: ${stdout.slice(-4000)}`));
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}

/** The directories of a PATH that hold an executable of that name. */
const holding = (path: string, name: string) =>
  path.split(delimiter).filter((directory) => directory !== '' && existsSync(join(directory, name)));

let archive: string;

it('npm run plugin:pack makes a self-contained archive for linux-amd64 that pulumi plugin install installs and the engine runs, with no Node.js on PATH and no network', async () => {
  if (!canIsolate)
    console.warn('installed.test.ts: `unshare --net` is not available here, so the scenario runs with the network');
  // The script `npm run plugin:pack` runs after its build (the build that `npm test` made is used here).
  const pack = await runToExit(
    process.execPath,
    [
      join(REPOSITORY, 'dist', 'scripts', 'pluginPack.js'),
      '--platforms',
      'linux-amd64',
      '--out',
      join(engine.directory, 'archive'),
    ],
    { cwd: REPOSITORY, env: process.env },
  );
  expect(pack.code).toBe(0);
  archive = pack.stdout.trim().split('\n').at(-1) as string;
  expect(basename(archive)).toBe(`pulumi-resource-sinch-v${version}-linux-amd64.tar.gz`);

  // The CLI's own folder alone: no node, no npm, and no plugin that the engine could find there instead.
  const path = dirname(engine.cli);
  for (const name of ['node', 'npm', 'pulumi-resource-sinch']) expect(holding(path, name)).toEqual([]);

  const answer = await runOffline({
    cli: engine.cli,
    archive,
    version,
    environment: { ...engine.environment, PATH: path },
    project: join(engine.directory, 'project'),
    isolated: canIsolate,
    simulator: join(REPOSITORY, 'dist', 'simulator'),
    applications: [APP_A],
    numbers: NUMBERS,
    number: VOICE_ONLY,
  });
  expect(answer.error).toBeUndefined();
  if (canIsolate) expect(answer.outside).toBe(false);
  succeeded('pulumi plugin install', answer.install);
  // The launcher, the bundle and the runtime; no node_modules, and no PulumiPlugin.yaml (with one, the install would
  // run npm install).
  expect(answer.installed.sort()).toEqual(
    ['LICENSE', 'node', 'package.json', 'plugin.js', 'plugin.js.LEGAL.txt', 'pulumi-resource-sinch'].sort(),
  );
  for (const step of answer.steps) succeeded('stack init and config', step);
  succeeded('pulumi preview', answer.firstPreview);
  succeeded('pulumi up', answer.up);
  expect(answer.afterUp.bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
  succeeded('pulumi refresh --expect-no-changes', answer.refresh);
  succeeded('pulumi preview --expect-no-changes', answer.preview);
  succeeded('pulumi destroy', answer.destroy);
  expect(answer.afterDestroy.bindings).toEqual({});
  // Every plugin process of every step ran on the archive's own runtime.
  const runtime = join(
    engine.environment.PULUMI_HOME as string,
    'plugins',
    `resource-sinch-v${version}`,
    'node',
    'bin',
    'node',
  );
  expect(answer.executables).toEqual([runtime]);
});

describe("the archive's launcher, where its runtime cannot start", () => {
  let unpacked: string;
  beforeAll(() => {
    if (!archive) throw new Error('the archive of the test above was not made');
    unpacked = mkdtempSync(join(engine.directory, 'unpacked-'));
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
  });

  /** The launcher run as the engine runs it, with `getconf` on PATH answering as the script says. */
  function launch(getconf: string): { status: number | null; stderr: string } {
    const bin = mkdtempSync(join(engine.directory, 'bin-'));
    writeFileSync(join(bin, 'getconf'), `#!/bin/sh\n${getconf}\n`);
    chmodSync(join(bin, 'getconf'), 0o755);
    const result = spawnSync(join(unpacked, 'pulumi-resource-sinch'), ['127.0.0.1:1'], {
      env: { PATH: bin },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, stderr: result.stderr };
  }

  it.each([
    ['an older GNU C library', 'echo "glibc 2.17"', /needs the GNU C library 2\.28 or newer; this machine has 2\.17/],
    ['no GNU C library (musl)', 'exit 1', /needs the GNU C library 2\.28 or newer, and this machine has none/],
  ])('%s: a message naming the plugin and the runtime, and exit 1', (_what, getconf, reason) => {
    const { status, stderr } = launch(getconf);
    expect(status).toBe(1);
    expect(stderr).toMatch(new RegExp(`^pulumi-resource-sinch v${version.replace(/\./g, '\\.')} \\(linux-amd64\\): `));
    expect(stderr).toContain(
      `the Node.js ${RUNTIMES['linux-amd64'].version} runtime it carries (${join(unpacked, 'node', 'bin', 'node')})`,
    );
    expect(stderr).toMatch(reason);
  });

  it('a missing runtime: the same', () => {
    rmSync(join(unpacked, 'node', 'bin', 'node'));
    const { status, stderr } = launch('echo "glibc 2.36"');
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /^pulumi-resource-sinch v.* \(linux-amd64\): its Node\.js runtime .*node\/bin\/node is missing/,
    );
  });
});
