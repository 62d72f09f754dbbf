/**
 * `npm run demo`: the top-level stack against the simulator, through the real Pulumi engine.
 * Starts the simulator with the sample project, runs `up`, prints what the API now says, runs `up` again to show
 * that nothing changes; then changes a binding and a callback URL as a person in the Sinch dashboard would, and shows
 * `refresh` finding both and `up` putting them back, with the live tables after each step. Stops everything it
 * started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalWorkspace } from '@pulumi/pulumi/automation';
import { SinchConfigurationClient } from '../provider';
import { SAMPLE_APPLICATIONS, SAMPLE_NUMBERS, startSimulator } from '../simulator';
import program = require('../index');
import { ensurePulumi, isolatedPulumiEnvironment } from './pulumiEnvironment';

const REPOSITORY = join(__dirname, '..', '..');
const [APP_ONE, APP_TWO] = SAMPLE_APPLICATIONS as [(typeof SAMPLE_APPLICATIONS)[0], (typeof SAMPLE_APPLICATIONS)[0]];

/** The sample declaration: three bindings across two applications, and callbacks for both. */
const DECLARATION = {
  numbers: [
    { number: '+12012222222', applicationKey: APP_ONE.key },
    { number: '+12013333333', applicationKey: APP_TWO.key },
    { number: '+12014444444', applicationKey: APP_TWO.key, capability: 'sms' },
  ],
  callbacks: [
    {
      applicationKey: APP_ONE.key,
      primary: 'https://voice.example.com/sinch/one',
      fallback: 'https://backup.example.com/sinch/one',
    },
    { applicationKey: APP_TWO.key, primary: 'https://voice.example.com/sinch/two' },
  ],
};

/** What the demo's person in the dashboard changes. */
const MOVED = '+12013333333';
const HAND_EDITED = 'https://hand-edited.example.com/sinch';

/** A change made as a person in the Sinch dashboard makes it: through the simulator's admin surface. */
async function dashboard(url: string, method: string, path: string, body: object): Promise<void> {
  const response = await fetch(`${url}/_sim/${path}`, { method, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`the simulator refused ${method} /_sim/${path}: ${response.status}`);
}

async function main(): Promise<void> {
  console.log('pulumi CLI: npm run pulumi:ensure (builds it from the Go module proxy on the first run: a few minutes)');
  // The first build's progress, so that the minutes it takes are not silent; nothing once it is cached.
  const cli = await ensurePulumi(REPOSITORY, (line) => {
    if (!line.startsWith('pulumi:ensure: using ')) console.log(`  ${line}`);
  });
  const scratch = mkdtempSync(join(tmpdir(), 'sinch-voice-demo-'));
  const environment = isolatedPulumiEnvironment(cli, scratch, 'demo');
  // The Automation API looks for `pulumi` on this process's PATH.
  process.env.PATH = environment.PATH;
  const simulator = await startSimulator({ applications: SAMPLE_APPLICATIONS, numbers: SAMPLE_NUMBERS });
  console.log(
    `simulator: ${simulator.url} (${SAMPLE_NUMBERS.length} sample numbers, ${SAMPLE_APPLICATIONS.length} applications)`,
  );
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: 'demo', projectName: 'sinch-voice', program },
      {
        workDir: scratch,
        // The project directory is this repository: the dynamic provider loads pulumi-sinch-voice from there.
        projectSettings: { name: 'sinch-voice', runtime: 'nodejs', main: REPOSITORY },
        envVars: environment,
      },
    );
    await stack.setAllConfig({
      'sinch:applicationKey': { value: APP_ONE.key },
      'sinch:applicationSecret': { value: APP_ONE.secret, secret: true },
      'sinch:baseUrl': { value: simulator.url },
      'sinch-voice:numbers': { value: JSON.stringify(DECLARATION.numbers) },
      'sinch-voice:callbacks': { value: JSON.stringify(DECLARATION.callbacks) },
    });

    console.log('\n$ pulumi up');
    const first = await stack.up({ onOutput: (text) => process.stdout.write(text) });
    const client = new SinchConfigurationClient({
      applicationKey: APP_ONE.key,
      applicationSecret: APP_ONE.secret,
      baseUrl: simulator.url,
    });
    await printLiveState(client);

    console.log('\n$ pulumi up   # again: the declared state is already the live state');
    const second = await stack.up();
    console.log(`first up:  ${describe(first.summary.resourceChanges)}`);
    console.log(`second up: ${describe(second.summary.resourceChanges)}`);

    console.log(
      `\n# Meanwhile, in the Sinch dashboard: ${MOVED} is moved to ${APP_ONE.key}, and the primary callback URL of ` +
        `${APP_TWO.key} is changed to ${HAND_EDITED}.`,
    );
    await dashboard(simulator.url, 'PUT', 'bindings', { number: MOVED, applicationKey: APP_ONE.key });
    await dashboard(simulator.url, 'PUT', `callbacks/${APP_TWO.key}`, { primary: HAND_EDITED });
    await printLiveState(client);

    console.log('\n$ pulumi refresh   # finds what changed outside the stack');
    const refresh = await stack.refresh({ onOutput: (text) => process.stdout.write(text) });
    console.log(`refresh: ${describe(refresh.summary.resourceChanges)}`);

    console.log('\n$ pulumi up   # puts the declared state back');
    const third = await stack.up({ onOutput: (text) => process.stdout.write(text) });
    console.log(`third up:  ${describe(third.summary.resourceChanges)}`);
    await printLiveState(client);
    await stack.destroy();
  } finally {
    await simulator.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** What the API says now, read back from it rather than from the program. */
async function printLiveState(client: SinchConfigurationClient): Promise<void> {
  const bound = (await client.listNumbers()).filter((entry) => entry.applicationKey);
  console.log(`\nBindings, as ${client.baseUrl} lists them:`);
  printTable(
    ['NUMBER', 'CAPABILITY', 'APPLICATION'],
    bound.map((entry) => [entry.number, entry.capability, entry.applicationKey ?? '']),
  );
  console.log('\nCallbacks, as the API answers them:');
  const rows = await Promise.all(
    SAMPLE_APPLICATIONS.map(async ({ key }) => {
      const urls = await client.getCallbacks(key);
      return [key, urls.primary ?? '-', urls.fallback ?? '-'];
    }),
  );
  printTable(['APPLICATION', 'PRIMARY', 'FALLBACK'], rows);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  for (const row of [header, ...rows])
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd());
}

function describe(changes: Record<string, number> | undefined): string {
  const entries = Object.entries(changes ?? {});
  return entries.length === 0 ? 'no resources' : entries.map(([kind, count]) => `${count} ${kind}`).join(', ');
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
