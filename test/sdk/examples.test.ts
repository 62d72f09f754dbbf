/**
 * The Go and Python examples compile against the generated SDKs (scripts/check-sdks.sh, which .ci/run also runs over
 * the SDKs themselves). languages.test.ts runs them, as inline Automation API programs.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// A first build with an empty Go build cache compiles the Pulumi Go SDK (minutes on two cores).
jest.setTimeout(20 * 60_000);

const CHECK = join(__dirname, '..', '..', 'scripts', 'check-sdks.sh');
const run = promisify(execFile);

/** The check's output when it fails, so that the failure names the compiler's complaint. */
async function check(target: string): Promise<void> {
  try {
    await run('bash', [CHECK, target], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`scripts/check-sdks.sh ${target} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

test('examples/go-basic compiles against sdk/go: go vet, go build', async () => {
  await check('go-basic');
});

test('examples/python-basic passes py_compile', async () => {
  await check('python-basic');
});
