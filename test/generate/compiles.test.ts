/**
 * The printed declarations are a program: they type-check against the package's published types (as a user's
 * program resolves them, through `pulumi-sinch-voice`'s exports, strict and with noUnusedLocals), and, run, they
 * construct exactly the resources that describe the live state.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { generateDeclarations } from '../../provider/generate';
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, sharedSimulator } from '../support/simulator';

jest.setTimeout(60_000);

const REPOSITORY = join(__dirname, '..', '..');
const TSC = join(REPOSITORY, 'node_modules', 'typescript', 'bin', 'tsc');
const run = promisify(execFile);
const simulator = sharedSimulator();

let directory: string;
beforeAll(() => {
  // A project whose node_modules has the package, linked to this repository's build (dist/, package.json exports).
  directory = mkdtempSync(join(tmpdir(), 'sinch-generate-'));
  mkdirSync(join(directory, 'node_modules'));
  symlinkSync(REPOSITORY, join(directory, 'node_modules', 'pulumi-sinch-voice'), 'dir');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/**
 * What `tsc` says about the program, run as a user would run it over their project (in a process of its own, so the
 * simulator keeps answering meanwhile): strict, noUnusedLocals, the package resolved through its exports.
 */
async function typeErrors(source: string): Promise<string> {
  writeFileSync(join(directory, 'program.ts'), source);
  writeFileSync(
    join(directory, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        noEmit: true,
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [join(REPOSITORY, 'node_modules', '@types')],
      },
      files: ['program.ts'],
    }),
  );
  try {
    await run(process.execPath, [TSC, '-p', directory, '--pretty', 'false'], { cwd: directory });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
}

interface Constructed {
  kind: string;
  name: string;
  args: unknown;
}

/** Runs the program as CommonJS with stand-ins for the two classes, and answers what it constructed, in order. */
function constructed(source: string): Constructed[] {
  const calls: Constructed[] = [];
  const standIn = (kind: string) =>
    class {
      constructor(name: string, args: unknown) {
        calls.push({ kind, name, args });
      }
    };
  const sinch = {
    NumberAssignment: standIn('NumberAssignment'),
    ApplicationCallbacks: standIn('ApplicationCallbacks'),
  };
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const require = (name: string) => {
    if (name !== 'pulumi-sinch-voice') throw new Error(`the program requires ${name}`);
    return sinch;
  };
  runInNewContext(outputText, { require, exports: {}, module: { exports: {} } });
  return calls;
}

async function liveState(): Promise<void> {
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key });
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'sms' });
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
  // A quote in the path, which URLs keep as it is: the literal must escape it.
  await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, {
    primary: "https://voice.example.com/it's/a",
    fallback: 'https://backup.example.com/a?x=1&y=%20',
  });
  await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://voice.example.com/b' });
}

const generated = () =>
  generateDeclarations({ applicationKey: APP_A.key, applicationSecret: APP_A.secret, baseUrl: simulator.url });

it("type-checks against the package's types, strict and with noUnusedLocals", async () => {
  await liveState();
  expect(await typeErrors(await generated())).toBe('');
});

it('type-checks when only numbers are bound, and when nothing is', async () => {
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
  expect(await typeErrors(await generated())).toBe('');
  await admin(simulator, 'POST', 'reset');
  expect(await typeErrors(await generated())).toBe('');
});

it('the check itself fails a program that misnames an input', () => {
  return expect(
    typeErrors(
      "import { NumberAssignment } from 'pulumi-sinch-voice';\nnew NumberAssignment('n', { numbr: '+12012222222' });\n",
    ),
  ).resolves.toMatch(/program\.ts\(2,\d+\): error TS2561: .*'numbr' does not exist in type 'NumberAssignmentArgs'/);
});

it('run, it constructs one resource per binding and per application with URLs, with the live values', async () => {
  await liveState();
  expect(constructed(await generated())).toEqual([
    {
      kind: 'NumberAssignment',
      name: `number-${VOICE_ONLY}-voice`,
      args: { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice' },
    },
    {
      kind: 'NumberAssignment',
      name: `number-${VOICE_ONLY_2}-voice`,
      args: { number: VOICE_ONLY_2, applicationKey: APP_B.key, capability: 'voice' },
    },
    {
      kind: 'NumberAssignment',
      name: `number-${VOICE_AND_SMS}-sms`,
      args: { number: VOICE_AND_SMS, applicationKey: APP_A.key, capability: 'sms' },
    },
    {
      kind: 'ApplicationCallbacks',
      name: `callbacks-${APP_A.key}`,
      args: {
        applicationKey: APP_A.key,
        primary: "https://voice.example.com/it's/a",
        fallback: 'https://backup.example.com/a?x=1&y=%20',
      },
    },
    {
      kind: 'ApplicationCallbacks',
      name: `callbacks-${APP_B.key}`,
      args: { applicationKey: APP_B.key, primary: 'https://voice.example.com/b' },
    },
  ]);
});
