/**
 * The plugin archive of `npm run plugin:pack`, installed with `pulumi plugin install resource sinch <version> --file`
 * into a fresh PULUMI_HOME and run by the engine for a YAML program that names no plugin path, all without a network
 * (a network namespace with loopback only, where the machine allows one): the archive carries everything it needs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { APP_A, NUMBERS, VOICE_ONLY } from '../support/fixtures';
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
  up: Step;
  afterUp: { bindings: Record<string, string> };
  preview: Step;
  destroy: Step;
  afterDestroy: { bindings: Record<string, string> };
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

it('npm run plugin:pack makes an archive that pulumi plugin install installs and the engine runs, with no network', async () => {
  if (!canIsolate)
    console.warn('installed.test.ts: `unshare --net` is not available here, so the scenario runs with the network');
  // The script `npm run plugin:pack` runs after its build (the build that `npm test` made is used here).
  const pack = await runToExit(
    process.execPath,
    [join(REPOSITORY, 'dist', 'scripts', 'pluginPack.js'), '--out', join(engine.directory, 'archive')],
    {
      cwd: REPOSITORY,
      env: process.env,
    },
  );
  expect(pack.code).toBe(0);
  const archive = pack.stdout.trim().split('\n').at(-1) as string;
  expect(basename(archive)).toBe(`pulumi-resource-sinch-v${version}-linux-amd64.tar.gz`);

  // The engine can find the plugin nowhere but where `pulumi plugin install` puts it.
  const onPath = (engine.environment.PATH ?? '')
    .split(delimiter)
    .filter((directory) => existsSync(join(directory, 'pulumi-resource-sinch')));
  expect(onPath).toEqual([]);

  const answer = await runOffline({
    cli: engine.cli,
    archive,
    version,
    environment: engine.environment,
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
  // Its own dependencies, and no PulumiPlugin.yaml (with one, the install would run npm install).
  expect(answer.installed).toEqual(
    expect.arrayContaining(['pulumi-resource-sinch', 'node_modules', 'dist', 'package.json']),
  );
  expect(answer.installed).not.toContain('PulumiPlugin.yaml');
  for (const step of answer.steps) succeeded('stack init and config', step);
  succeeded('pulumi up', answer.up);
  expect(answer.afterUp.bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
  succeeded('pulumi preview --expect-no-changes', answer.preview);
  succeeded('pulumi destroy', answer.destroy);
  expect(answer.afterDestroy.bindings).toEqual({});
});
