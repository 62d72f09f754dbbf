/**
 * Records, once, the state that an older release writes, for test/upgrade/upgrade.test.ts: the stack state of each
 * front end (`pulumi stack export`), the stack's Pulumi.<stack>.yaml (its encryptionsalt: the secrets in the state
 * are encrypted with it and the passphrase below, a test value) and the simulator's state (GET /_sim/state) right
 * after the `up` that wrote it; then what the same release's own preview, refresh and destroy of that stack did, in
 * that order (as the upgrade test runs them), so that the upgrade test can hold today's code to it. Per front end,
 * in fixtures/<dynamic|plugin>/:
 *
 *   simulator-before-up.json     GET /_sim/state before the up: what create found
 *   state.json                   `pulumi stack export` right after the up: the recorded state
 *   Pulumi.upgrade-<name>.yaml   the stack's configuration file: encryptionsalt, and the secret encrypted with it
 *   simulator.json               GET /_sim/state right after the up
 *   state-after-refresh.json     `pulumi stack export` after the release's own preview and refresh
 *   simulator-after-destroy.json GET /_sim/state after the release's own destroy
 *
 * and in fixtures/recording.json: the release, its commit, the CLI, SDK and Node versions, the passphrase, each
 * stack's name and program, and the change summaries and API writes (by route) of each of those operations.
 *
 * Everything here is the older release's: its packed package (the dynamic resources and the plugin
 * `pulumi-resource-sinch` it ships), its @pulumi/pulumi, its test/e2e/driver.js (the Automation API, an inline
 * program, a file backend) and its simulator. Only this script is today's. It is not a test (jest does not pick up
 * this name); a developer runs it against a worktree of the release.
 *
 * How the fixtures in test/upgrade/fixtures/ were made (release 0.1.0, commit 329803c), from /work/main:
 *
 *   git worktree add /tmp/v010 329803c
 *   (cd /tmp/v010 && npm ci)                                  # installs and builds 0.1.0 (its `prepare`)
 *   node_modules/node/bin/node test/upgrade/record.ts /tmp/v010 test/upgrade/fixtures
 *   npx prettier --write test/upgrade/fixtures
 *   git worktree remove --force /tmp/v010
 *
 * Node 22.18 or newer runs this file as it is (type stripping): it imports nothing but Node's own modules and loads
 * the release's code from the worktree. The Pulumi CLI is the release's `npm run pulumi:ensure` (3.274.1 here).
 *
 * What each stack declares (the same through both front ends), against a simulator whose state before the `up` is:
 * +12013333333/voice bound to A, +12014444444/sms and +12015555555/sms bound to B, A's callbacks set to BEFORE:
 *
 *   created   +12012222222 (voice) on A                         unbound before: the stack created the binding
 *   adopted   +12013333333 (voice) on A                         already bound to A: adopted, nothing written
 *   imported  +12014444444 (sms) on B, `import` option          plugin only: the engine cannot import dynamic
 *                                                               resources (tried in a stack of its own, and recorded)
 *   taken     +12015555555 (sms) on A, allowReassign            taken from B: found application B recorded
 *   callbacks A: primary and fallback AFTER                     over BEFORE: found URLs recorded
 */
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The passphrase of the recorded stacks: ScratchProject's (test/e2e/engine.ts), which the upgrade test runs with. */
const PASSPHRASE = 'e2e-passphrase';

/** test/support/fixtures.ts: two applications of one project, and four numbers. */
const APP_A = { key: '5f5c418a-0f91-4bbc-8234-a9bf5eddad97', secret: 'JViE5vDor0Sw3WllZka15Q==' };
const APP_B = { key: '669e367e-6bba-48ab-af15-266871c28135', secret: 'BeIukql3pTKJ8RGL5zo0DA==' };
const VOICE_ONLY = '+12012222222';
const VOICE_ONLY_2 = '+12013333333';
const VOICE_AND_SMS = '+12014444444';
const SMS_ONLY = '+12015555555';
const NUMBERS = [
  { number: VOICE_ONLY, capabilities: ['voice'] },
  { number: VOICE_ONLY_2, capabilities: ['voice'] },
  { number: VOICE_AND_SMS, capabilities: ['voice', 'sms'] },
  { number: SMS_ONLY, capabilities: ['sms'] },
];

const BEFORE = { primary: 'https://before.example.com/voice', fallback: 'https://before-backup.example.com/voice' };
const AFTER = { primary: 'https://a.example.com/voice', fallback: 'https://a-backup.example.com/voice' };

type FrontEndName = 'dynamic' | 'plugin';
const FRONT_ENDS: FrontEndName[] = ['dynamic', 'plugin'];

interface DeclaredNumber {
  name: string;
  number: string;
  applicationKey?: string;
  capability?: string;
  allowReassign?: boolean;
  importId?: string;
}

/** The program of a front end's stack, as the release's driver.js takes it. */
function declaration(frontEnd: FrontEndName) {
  const numbers: DeclaredNumber[] = [
    { name: 'created', number: VOICE_ONLY },
    { name: 'adopted', number: VOICE_ONLY_2 },
    ...(frontEnd === 'plugin'
      ? [
          {
            name: 'imported',
            number: VOICE_AND_SMS,
            applicationKey: APP_B.key,
            capability: 'sms',
            importId: `${VOICE_AND_SMS}/sms`,
          },
        ]
      : []),
    { name: 'taken', number: SMS_ONLY, capability: 'sms', allowReassign: true },
  ];
  return { numbers, callbacks: [{ name: 'callbacks', ...AFTER }] };
}

interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

interface Release {
  directory: string;
  version: string;
  commit: string;
  pulumiSdkVersion: string;
  startSimulator(options: object): Promise<RunningSimulator>;
  ensurePulumi(repository: string): Promise<string>;
  isolatedPulumiEnvironment(cli: string, directory: string, passphrase: string): Record<string, string>;
}

async function loadRelease(directory: string): Promise<Release> {
  const load = createRequire(join(directory, 'package.json'));
  const { stdout: commit } = await run('git', ['-C', directory, 'rev-parse', 'HEAD']);
  const json = (path: string) => JSON.parse(readFileSync(join(directory, path), 'utf8')) as { version: string };
  return {
    directory,
    version: json('package.json').version,
    commit: commit.trim(),
    pulumiSdkVersion: json('node_modules/@pulumi/pulumi/package.json').version,
    ...(load(join(directory, 'dist', 'simulator')) as Pick<Release, 'startSimulator'>),
    ...(load(join(directory, 'dist', 'scripts', 'pulumiEnvironment.js')) as Pick<
      Release,
      'ensurePulumi' | 'isolatedPulumiEnvironment'
    >),
  };
}

/** A call to the simulator's admin surface (GET /_sim/state, PUT /_sim/bindings, …). */
async function admin(simulator: RunningSimulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${simulator.url}/_sim/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`admin ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** How many writes (POST and DELETE) of the configuration API the simulator logged, by route. */
async function writesByRoute(simulator: RunningSimulator): Promise<Record<string, number>> {
  const { requests } = (await admin(simulator, 'GET', 'requests')) as { requests: Array<{ route: string }> };
  const counts: Record<string, number> = {};
  for (const { route } of requests) {
    if (/^(POST|DELETE) \/v1\/configuration\//.test(route)) counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

/** A scratch project with the release's packed package, as test/e2e/engine.ts's ScratchProject of that release. */
async function scratchProject(release: Release, cli: string) {
  const directory = mkdtempSync(join(tmpdir(), 'sinch-record-'));
  const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', directory], {
    cwd: release.directory,
  });
  const tarball = join(directory, stdout.trim().split('\n').at(-1) as string);
  const project = join(directory, 'project');
  mkdirSync(project);
  const dependencies = { 'pulumi-sinch-voice': `file:${tarball}`, '@pulumi/pulumi': release.pulumiSdkVersion };
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sinch-e2e', private: true, dependencies }));
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], {
    cwd: project,
    maxBuffer: 16 * 1024 * 1024,
  });
  const environment: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_'))),
    ...release.isolatedPulumiEnvironment(cli, directory, PASSPHRASE),
  };
  // The properties of each resource of the release's package schema, which the driver registers as an SDK does.
  const plugin = join(project, 'node_modules', 'pulumi-sinch-voice', 'bin', 'pulumi-resource-sinch');
  const schemaText = (
    await run(cli, ['package', 'get-schema', plugin], { cwd: project, env: environment, maxBuffer: 16 << 20 })
  ).stdout;
  const schema = JSON.parse(schemaText) as {
    resources: Record<string, { properties: object; inputProperties: object }>;
  };
  const properties = Object.fromEntries(
    Object.entries(schema.resources).map(([token, resource]) => [
      token,
      [...new Set([...Object.keys(resource.inputProperties), ...Object.keys(resource.properties)])],
    ]),
  );
  const driver = join(release.directory, 'test', 'e2e', 'driver.js');
  return {
    directory,
    project,
    /** One operation through the release's driver.js; fails unless `expectFailure`. */
    async operate(
      operation: string,
      stackName: string,
      program: object,
      config: object,
      expectFailure = false,
    ): Promise<{ ok: boolean; result?: Record<string, unknown>; message?: string; stdout?: string }> {
      const request = JSON.stringify({
        workDir: project,
        stackName,
        operation,
        config,
        options: {},
        schema: properties,
        ...program,
      });
      const stdout = await new Promise<string>((done, fail) => {
        const child = spawn(process.execPath, [driver], { env: environment, stdio: ['pipe', 'pipe', 'inherit'] });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.once('error', fail);
        child.once('close', () => done(text));
        child.stdin.end(request);
      });
      const answer = JSON.parse(stdout.trim().split('\n').at(-1) as string);
      if (answer.ok === expectFailure)
        throw new Error(`${operation} of ${stackName}: ${expectFailure ? 'succeeded' : answer.message}`);
      return answer;
    },
    async exportState(stackName: string): Promise<string> {
      return (await run(cli, ['stack', 'export', '--stack', stackName, '--cwd', project], { env: environment })).stdout;
    },
  };
}

async function main(): Promise<void> {
  const [worktree, output] = process.argv.slice(2);
  if (!worktree) throw new Error('usage: node test/upgrade/record.ts <worktree of the release> [fixtures directory]');
  const fixtures = resolve(output ?? join(dirname(resolve(process.argv[1] as string)), 'fixtures'));
  const release = await loadRelease(resolve(worktree));
  const cli = await release.ensurePulumi(release.directory);
  const { stdout: cliVersion } = await run(cli, ['version']);
  console.log(`recording ${release.version} (${release.commit}) with Pulumi ${cliVersion.trim()} into ${fixtures}`);
  const scratch = await scratchProject(release, cli);
  const recording: Record<string, unknown> = {
    release: release.version,
    commit: release.commit,
    pulumiCli: cliVersion.trim(),
    pulumiSdk: release.pulumiSdkVersion,
    node: process.version,
    recordedAt: new Date().toISOString(),
    passphrase: PASSPHRASE,
    project: 'sinch-e2e',
    applications: [APP_A.key, APP_B.key],
    callbacksBefore: BEFORE,
    callbacksDeclared: AFTER,
    frontEnds: {},
  };
  try {
    for (const frontEnd of FRONT_ENDS) {
      const simulator = await release.startSimulator({ applications: [APP_A, APP_B], numbers: NUMBERS });
      try {
        const stack = `upgrade-${frontEnd}`;
        const config = {
          'sinch:applicationKey': { value: APP_A.key },
          'sinch:applicationSecret': { value: APP_A.secret, secret: true },
          'sinch:baseUrl': { value: simulator.url },
          'sinch:auth': { value: 'signed' },
        };
        await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_A.key });
        await admin(simulator, 'PUT', 'bindings', {
          number: VOICE_AND_SMS,
          capability: 'sms',
          applicationKey: APP_B.key,
        });
        await admin(simulator, 'PUT', 'bindings', { number: SMS_ONLY, capability: 'sms', applicationKey: APP_B.key });
        await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, BEFORE);
        const before = await admin(simulator, 'GET', 'state');
        const program = { frontEnd, ...declaration(frontEnd) };
        const entry: Record<string, unknown> = { stack, program };

        if (frontEnd === 'dynamic') {
          // The `import` option on a dynamic resource, in a stack of its own: the engine cannot import one.
          const imported = {
            frontEnd,
            numbers: [
              {
                name: 'imported',
                number: VOICE_AND_SMS,
                applicationKey: APP_B.key,
                capability: 'sms',
                importId: `${VOICE_AND_SMS}/sms`,
              },
            ],
            callbacks: [],
          };
          const attempt = await scratch.operate('up', `${stack}-import`, imported, config, true);
          const unchanged = JSON.stringify(await admin(simulator, 'GET', 'state')) === JSON.stringify(before);
          if (!unchanged) throw new Error('the failed import of a dynamic resource changed the simulator state');
          // The resource's own error, as the Diagnostics show it (the rest of the message names temporary paths).
          const error = /NumberAssignment \(imported\):\n\s+(error: .*)/.exec(attempt.message ?? '')?.[1];
          entry.importAttempt = { program: imported, error, simulatorUnchanged: unchanged };
        }

        const up = await scratch.operate('up', stack, program, config);
        entry.up = up.result?.resourceChanges;
        const dir = join(fixtures, frontEnd);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'simulator-before-up.json'), `${JSON.stringify(before, null, 2)}\n`);
        writeFileSync(join(dir, 'state.json'), await scratch.exportState(stack));
        copyFileSync(join(scratch.project, `Pulumi.${stack}.yaml`), join(dir, `Pulumi.${stack}.yaml`));
        const after = await admin(simulator, 'GET', 'state');
        writeFileSync(join(dir, 'simulator.json'), `${JSON.stringify(after, null, 2)}\n`);

        // What the release itself does next with that state, as the upgrade test does: preview, refresh, destroy.
        await admin(simulator, 'DELETE', 'requests');
        entry.preview = (await scratch.operate('preview', stack, program, config)).result;
        entry.previewWrites = await writesByRoute(simulator);
        await admin(simulator, 'DELETE', 'requests');
        entry.refresh = (await scratch.operate('refresh', stack, program, config)).result?.resourceChanges;
        entry.refreshWrites = await writesByRoute(simulator);
        writeFileSync(join(dir, 'state-after-refresh.json'), await scratch.exportState(stack));
        await admin(simulator, 'DELETE', 'requests');
        entry.destroy = (await scratch.operate('destroy', stack, program, config)).result?.resourceChanges;
        entry.destroyWrites = await writesByRoute(simulator);
        const destroyed = await admin(simulator, 'GET', 'state');
        writeFileSync(join(dir, 'simulator-after-destroy.json'), `${JSON.stringify(destroyed, null, 2)}\n`);
        (recording.frontEnds as Record<string, unknown>)[frontEnd] = entry;
        console.log(
          `${frontEnd}: up ${JSON.stringify(entry.up)}, preview ${JSON.stringify(entry.preview)}, destroy ${JSON.stringify(entry.destroy)}`,
        );
      } finally {
        await simulator.close();
      }
    }
    writeFileSync(join(fixtures, 'recording.json'), `${JSON.stringify(recording, null, 2)}\n`);
  } finally {
    rmSync(scratch.directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
