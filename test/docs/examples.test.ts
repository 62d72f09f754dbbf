/**
 * The code examples of docs/ (examples/docs/<page>/), each compiled or run: TypeScript with tsc against sdk/nodejs,
 * Go with go vet and go build against sdk/go, Python with py_compile (the Go and Python programs are not run: no Go
 * or Python language host here), and the YAML programs through the engine, all in one stack: the plain CLI, the
 * YAML language host and the repository's plugin (bin/), against the simulator. Then the pages' `pulumi import`
 * example commands, as the pages write them.
 */
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSimulator } from '../../simulator';
import { EXAMPLES, docsPages } from '../../scripts/docs/pages';
import { APP_A, APP_B, NUMBERS } from '../support/fixtures';
import { admin, simulatorState, startTestSimulator, type PublicState } from '../support/simulator';
import { Engine, REPOSITORY, resourcesOf } from '../plugin/cli';

// A first Go build with an empty build cache compiles the Pulumi Go SDK (minutes on two cores).
jest.setTimeout(20 * 60_000);

const run = promisify(execFile);
const FOLDER = join(REPOSITORY, EXAMPLES);
/** The pages with examples: the folders of examples/docs. */
const pages = readdirSync(FOLDER, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** A command's output when it fails, so that the failure names the compiler's complaint. */
async function succeeds(command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { cwd: REPOSITORY, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

test('the TypeScript examples type-check against sdk/nodejs (tsc -p examples/docs)', async () => {
  await succeeds(process.execPath, [join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', FOLDER]);
});

test('the Go examples compile against sdk/go: go vet, go build (not run: no Go language host here)', async () => {
  await succeeds('bash', [join(REPOSITORY, 'scripts', 'check-sdks.sh'), 'docs-go']);
});

test('the Python examples pass py_compile (not run: no Python language host here)', async () => {
  await succeeds('bash', [join(REPOSITORY, 'scripts', 'check-sdks.sh'), 'docs-python']);
});

/** The sections of YAML programs that one program can hold for several: entries by name, each once. */
const MERGED = ['config', 'resources', 'variables', 'outputs'] as const;
/** What each program says for itself, and one program replaces. */
const OWN = ['name', 'runtime', 'description'];

/**
 * Several Pulumi YAML programs as one: their config, resources, variables and outputs side by side, and the names of
 * each section's entries. Top-level keys start in column 0, entries are indented by two spaces; a name two programs
 * use is refused, naming both.
 */
function mergePrograms(
  programs: Record<string, string>,
  header: string,
): { text: string; entries: Record<string, string[]> } {
  const sections = Object.fromEntries(MERGED.map((section) => [section, [] as string[]]));
  const owners = new Map<string, string>();
  for (const [source, text] of Object.entries(programs)) {
    let section: string | undefined;
    for (const line of text.split('\n')) {
      const key = /^([A-Za-z][\w-]*):/.exec(line)?.[1];
      if (key !== undefined) {
        if (!OWN.includes(key) && !(MERGED as readonly string[]).includes(key))
          throw new Error(`${source}: a top-level \`${key}\` cannot be merged`);
        section = key;
        continue;
      }
      if (section === undefined || OWN.includes(section)) continue;
      const entry = /^ {2}([^\s#][^:]*):/.exec(line)?.[1];
      if (entry !== undefined) {
        const owner = owners.get(`${section}/${entry}`);
        if (owner !== undefined) throw new Error(`${section} \`${entry}\` is in both ${owner} and ${source}`);
        owners.set(`${section}/${entry}`, source);
      }
      sections[section]?.push(line);
    }
  }
  const text = [
    header.trimEnd(),
    ...MERGED.flatMap((section) => {
      const lines = (sections[section] as string[]).filter((line) => line.trim() !== '');
      return lines.length === 0 ? [] : [`${section}:`, ...lines];
    }),
    '',
  ].join('\n');
  const entries: Record<string, string[]> = Object.fromEntries(MERGED.map((section) => [section, [] as string[]]));
  for (const key of owners.keys()) {
    const [section, entry] = key.split(/\/(.*)/s) as [string, string];
    entries[section]?.push(entry);
  }
  return { text, entries };
}

test('merging programs keeps every entry and refuses a name two programs use', () => {
  const a = 'name: a\nruntime: yaml\nresources:\n  one:\n    type: x\n# note\noutputs:\n  first: ${one.id}\n';
  const b = 'name: b\nruntime: yaml\nvariables:\n  v:\n    fn::invoke:\n      function: f\noutputs:\n  second: 2\n';
  expect(mergePrograms({ a, b }, 'name: ab\nruntime: yaml\n')).toEqual({
    entries: { config: [], resources: ['one'], variables: ['v'], outputs: ['first', 'second'] },
    text: 'name: ab\nruntime: yaml\nresources:\n  one:\n    type: x\n# note\nvariables:\n  v:\n    fn::invoke:\n      function: f\noutputs:\n  first: ${one.id}\n  second: 2\n',
  });
  expect(() => mergePrograms({ a, c: a }, '')).toThrow('resources `one` is in both a and c');
  expect(() => mergePrograms({ d: 'plugins:\n  providers: []\n' }, '')).toThrow(
    'd: a top-level `plugins` cannot be merged',
  );
});

describe('the YAML examples, through the engine', () => {
  /** The application the examples name literally, as the shapes' examples do; one more of the project here. */
  const IVR_APPLICATION = { key: 'f00dcafe-abba-c0de-1dea-dabb1ed4caf3', secret: 'c2ltdWxhdG9yLXNlY3JldC0y' };
  /** The values of the examples' own configuration (installation-configuration: two explicit providers). */
  const CONFIGURATION: Record<string, string | { secret: string }> = {
    salesApplication: APP_A.key,
    salesSecret: { secret: APP_A.secret },
    supportApplication: APP_B.key,
    supportSecret: { secret: APP_B.secret },
  };
  const programs = Object.fromEntries(
    pages.map((page) => [`${EXAMPLES}/${page}/Pulumi.yaml`, readFileSync(join(FOLDER, page, 'Pulumi.yaml'), 'utf8')]),
  );
  /** The plugin of this repository (bin/, which runs dist/: `npm test` builds first). */
  const header = (name: string) =>
    [
      `name: ${name}`,
      'runtime: yaml',
      'plugins:',
      '  providers:',
      '    - name: sinch',
      `      path: ${JSON.stringify(join(REPOSITORY, 'bin'))}`,
      '',
    ].join('\n');
  const program = mergePrograms(programs, header('sinch-docs-examples'));
  /** Every E.164 number the examples name: the project owns each, for voice and SMS. */
  const numbers = [
    ...new Set(
      Object.values(programs)
        .join('\n')
        .match(/\+\d{8,15}/g) ?? [],
    ),
  ].sort();

  let engine: Engine;
  let simulator: RunningSimulator;
  beforeAll(async () => {
    engine = await Engine.create();
    simulator = await startTestSimulator({
      applications: [APP_A, APP_B, IVR_APPLICATION],
      numbers: [...NUMBERS, ...numbers.map((number) => ({ number, capabilities: ['voice' as const, 'sms' as const] }))],
    });
  });
  afterAll(async () => {
    await simulator?.close();
    engine?.remove();
  });

  /** Callbacks that hold no URL left out: "none set" however the API came to it. */
  const comparable = (state: PublicState) => ({
    ...state,
    callbacks: Object.fromEntries(
      Object.entries(state.callbacks).filter(([, urls]) => urls.primary !== undefined || urls.fallback !== undefined),
    ),
  });

  test('all of them in one stack: up, a preview with no changes, destroy back to what was there', async () => {
    const unknown = (program.entries.config as string[]).filter((key) => !(key in CONFIGURATION));
    if (unknown.length > 0) throw new Error(`the examples' configuration ${unknown.join(', ')} has no test value`);
    // The SMS side of the number-assignment example is bound elsewhere before: the example takes it (allowReassign).
    await admin(simulator, 'PUT', 'bindings', {
      number: '+12015550101',
      applicationKey: APP_B.key,
      capability: 'sms',
    });
    const before = await simulatorState(simulator);

    const project = engine.projectWith(program.text);
    await project.stack({
      'sinch:applicationKey': APP_A.key,
      'sinch:applicationSecret': { secret: APP_A.secret },
      'sinch:baseUrl': simulator.url,
      ...CONFIGURATION,
    });
    // Explicit providers read no `sinch:*` stack configuration: their API address comes from the environment.
    const environment = { SINCH_BASE_URL: simulator.url };
    await project.pulumi(['up', '--yes'], environment);

    const after = await simulatorState(simulator);
    expect(after.bindings).toEqual({
      ...before.bindings,
      '+12015550100/voice': APP_A.key,
      '+12015550101/voice': APP_A.key,
      '+12015550101/sms': IVR_APPLICATION.key,
      '+12015550102/voice': APP_A.key,
      '+12015550103/voice': APP_B.key,
    });
    expect(after.callbacks).toMatchObject({
      [APP_A.key]: { primary: 'https://voice.example.com/sinch', fallback: 'https://voice-backup.example.com/sinch' },
      [IVR_APPLICATION.key]: {
        primary: 'https://ivr.example.com/sinch/events',
        fallback: 'https://ivr-backup.example.com/sinch/events',
      },
    });
    const outputs = await project.outputs();
    expect(outputs).toMatchObject({
      mainLine: '+12015550100/voice',
      callbacksPrimary: 'https://voice.example.com/sinch',
      frontDesk: '+12015550101/voice',
      frontDeskApplication: APP_A.key,
      frontDeskSmsFoundOn: APP_B.key,
      ivrApplication: IVR_APPLICATION.key,
      ivrPrimary: 'https://ivr.example.com/sinch/events',
      salesLineApplication: APP_A.key,
      supportLineApplication: APP_B.key,
      queriedCountry: 'SE',
      queriedType: 'Mobile',
      queriedRestricted: false,
    });
    expect(outputs.listedForApplication).toContainEqual({
      number: '+12015550100',
      capability: 'voice',
      applicationKey: APP_A.key,
    });
    const voiceNumbers = outputs.voiceNumbers as Array<{ number: string; capability: string }>;
    expect(voiceNumbers.length).toBeGreaterThan(0);
    expect(voiceNumbers.every((entry) => entry.capability === 'voice')).toBe(true);
    expect(outputs.firstVoiceNumber).toBe(voiceNumbers[0]?.number);

    await project.pulumi(['preview', '--expect-no-changes'], environment);
    await project.pulumi(['destroy', '--yes'], environment);
    expect(comparable(await simulatorState(simulator))).toEqual(comparable(before));
  });

  test("the pages' `pulumi import` examples, as written, import what exists, recorded as adopted and protected", async () => {
    const commands = Object.values(docsPages()).flatMap((page) =>
      [...page.matchAll(/^pulumi import (\S+) (\S+) (\S+)$/gm)]
        .filter((match) => !match[0].includes('<'))
        .map((match) => ({ type: match[1] as string, name: match[2] as string, id: match[3] as string })),
    );
    expect(commands.map(({ type }) => type).sort()).toEqual([
      'sinch:voice:ApplicationCallbacks',
      'sinch:voice:NumberAssignment',
    ]);
    // What the ids name exists, made in the dashboard.
    for (const { type, id } of commands) {
      if (type === 'sinch:voice:NumberAssignment') {
        const [number, capability] = id.split('/');
        await admin(simulator, 'PUT', 'bindings', { number, capability, applicationKey: APP_A.key });
      } else await admin(simulator, 'PUT', `callbacks/${id}`, { primary: 'https://imported.example.com/sinch' });
    }
    const before = await simulatorState(simulator);

    // A program with no resources yet: what `pulumi import` starts from.
    const project = engine.projectWith(header('sinch-docs-import'));
    await project.stack({
      'sinch:applicationKey': APP_A.key,
      'sinch:applicationSecret': { secret: APP_A.secret },
      'sinch:baseUrl': simulator.url,
    });
    for (const { type, name, id } of commands) await project.pulumi(['import', type, name, id, '--yes']);

    const state = await project.state();
    for (const { type, name, id } of commands) {
      const imported = resourcesOf(state, type)[name];
      expect({ name, id: imported?.id, adopted: imported?.outputs?.adopted, protect: imported?.protect }).toEqual({
        name,
        id,
        adopted: true,
        protect: true,
      });
    }
    expect(await simulatorState(simulator)).toEqual(before);
  });
});
