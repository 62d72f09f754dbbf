/** `pulumi-sinch-voice generate` as a real process: the package's bin, credentials from the environment, exit codes. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDeclarations } from '../../provider/generate';
import { APP_A, APP_B, expectNoSecret, VOICE_ONLY } from '../support/fixtures';
import { refusedUrl } from '../support/ports';
import { admin, sharedSimulator } from '../support/simulator';

const REPOSITORY = join(__dirname, '..', '..');
const { bin } = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { bin: Record<string, string> };
/** The file the package's `pulumi-sinch-voice` bin names, as npm links it into node_modules/.bin. */
const CLI = join(REPOSITORY, bin['pulumi-sinch-voice'] ?? 'the package has no pulumi-sinch-voice bin');

const simulator = sharedSimulator();

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command with exactly these SINCH_ variables (none leak in from the machine). */
function generate(args: string[], environment: Record<string, string> = {}): Promise<Outcome> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('SINCH_')));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, 'generate', ...args],
      { env: { ...base, ...environment } },
      (error, stdout, stderr) => {
        // A command that did not start (a string code such as ENOENT) or was killed (no code) fails the test with it.
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

const credentials = () => ({
  SINCH_APPLICATION_KEY: APP_A.key,
  SINCH_APPLICATION_SECRET: APP_A.secret,
  SINCH_BASE_URL: simulator.url,
  SINCH_MAX_RETRIES: '0',
});

let directory: string;
beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'sinch-generate-cli-'));
  await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
  await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, { primary: 'https://voice.example.com/a' });
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

it('prints the declarations on stdout with the credentials of the environment, exits 0, and shows no secret', async () => {
  const outcome = await generate([], credentials());
  const expected = await generateDeclarations({
    applicationKey: APP_A.key,
    applicationSecret: APP_A.secret,
    baseUrl: simulator.url,
  });
  expect(outcome).toEqual({ code: 0, stdout: expected, stderr: '' });
  expect(outcome.stdout).toContain(`new NumberAssignment('number-${VOICE_ONLY}-voice', {`);
  expectNoSecret(outcome.stdout + outcome.stderr, APP_A.secret);
});

it('options take the place of stack configuration: --application-key and --base-url win over the environment', async () => {
  const outcome = await generate(['--application-key', APP_B.key, '--base-url', simulator.url, '--auth', 'basic'], {
    ...credentials(),
    SINCH_APPLICATION_SECRET: APP_B.secret,
    SINCH_BASE_URL: await refusedUrl(),
  });
  expect(outcome.code).toBe(0);
  expect(outcome.stdout).toContain(`with the credentials of application ${APP_B.key}:`);
});

it("missing credentials: the provider's message, what generate reads, exit code 2, no stack trace", async () => {
  const outcome = await generate([], { SINCH_BASE_URL: simulator.url });
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toBe(
    'pulumi-sinch-voice generate: Sinch credentials are incomplete: sinch:applicationKey (or SINCH_APPLICATION_KEY) is not set; ' +
      'sinch:applicationSecret (or SINCH_APPLICATION_SECRET) is not set. Set them with `pulumi config set sinch:applicationKey <key>` and ' +
      '`pulumi config set --secret sinch:applicationSecret <secret>`, or through the environment variables.\n' +
      '(generate reads SINCH_APPLICATION_KEY or --application-key, and SINCH_APPLICATION_SECRET; it does not read Pulumi stack configuration.)\n',
  );
});

it("a wrong secret: Sinch's answer in one line, exit code 1, no stack trace, neither secret", async () => {
  const wrong = Buffer.from('a-distinctive-wrong-secret').toString('base64');
  const outcome = await generate([], { ...credentials(), SINCH_APPLICATION_SECRET: wrong });
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toMatch(
    /^pulumi-sinch-voice generate: Sinch listNumbers failed with HTTP 401 \(errorCode 40102\): Request has invalid signature \[reference [0-9a-f-]+\]\n$/,
  );
  expectNoSecret(outcome.stderr, wrong, APP_A.secret);
});

it('an unreachable API: exit code 1, the connection error in one line', async () => {
  const unreachable = await refusedUrl();
  const outcome = await generate([], { ...credentials(), SINCH_BASE_URL: unreachable });
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toMatch(
    /^pulumi-sinch-voice generate: Sinch listNumbers failed: no answer from http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED[^\n]*\)\n$/,
  );
  expect(outcome.stderr).toContain(`no answer from ${unreachable} (ECONNREFUSED`);
});

it('--output writes the file and says so on stderr; an existing file is replaced only with --force (else exit 2, untouched)', async () => {
  const file = join(directory, 'sinch.ts');
  const written = await generate(['--output', file], credentials());
  expect(written).toEqual({ code: 0, stdout: '', stderr: `pulumi-sinch-voice: wrote the declarations to ${file}\n` });
  expect(readFileSync(file, 'utf8')).toContain(`new ApplicationCallbacks('callbacks-${APP_A.key}', {`);

  writeFileSync(file, 'my program\n');
  const refused = await generate(['--output', file], credentials());
  expect(refused).toEqual({
    code: 2,
    stdout: '',
    stderr: `pulumi-sinch-voice generate: ${file} exists; give --force to replace it\n`,
  });
  expect(readFileSync(file, 'utf8')).toBe('my program\n');

  expect((await generate(['--output', file, '--force'], credentials())).code).toBe(0);
  expect(readFileSync(file, 'utf8')).toContain('pulumi-sinch-voice generate');
});

it('a failed read writes no file', async () => {
  const file = join(directory, 'sinch.ts');
  expect((await generate(['--output', file], { ...credentials(), SINCH_BASE_URL: await refusedUrl() })).code).toBe(1);
  expect(existsSync(file)).toBe(false);
});

it('an unknown option or an invalid setting: exit code 2', async () => {
  const unknown = await generate(['--application-secret', 'x'], credentials());
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown option '--application-secret'");
  const badAuth = await generate(['--auth', 'oauth'], credentials());
  expect(badAuth.code).toBe(2);
  expect(badAuth.stderr).toMatch(
    /^pulumi-sinch-voice generate: sinch:auth must be one of signed, basic; got "oauth"\n/,
  );
});
