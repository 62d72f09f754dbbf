/**
 * The Python driver's environment: a new virtual environment in which the generated SDK (sdk/python) is installed as a
 * user installs it, `pip install <directory>`, with its dependencies (the `pulumi` package among them) from PyPI.
 */
import { execFile } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPOSITORY = join(__dirname, '..', '..', '..', '..');
const SDK = join(REPOSITORY, 'sdk', 'python');
const DRIVER = join(__dirname, 'driver.py');

const run = promisify(execFile);

/** Runs a command to its end; when it fails, the error carries what the command printed. */
async function step(description: string, command: string, args: string[]): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 });
  } catch (error) {
    const { code, signal, stdout, stderr } = error as {
      code?: number | string;
      signal?: string;
      stdout?: string;
      stderr?: string;
    };
    const how = signal ? `was stopped by ${signal}` : `failed (exit ${code ?? 'unknown'})`;
    const printed = `${stderr ?? ''}${stdout ?? ''}`.trim();
    throw new Error(`${description} ${how}${printed ? `:\n${printed}` : ''}`, { cause: error });
  }
}

/**
 * Makes a new virtual environment, `<scratch>/venv` (python3 -m venv --clear), installs sdk/python into it with pip,
 * and answers how to run the driver with that environment's interpreter. Prints nothing; when pip fails, throws with
 * pip's own error text.
 */
export async function preparePythonDriver(scratch: string): Promise<{ command: string; args: string[] }> {
  const venv = join(scratch, 'venv');
  // pip builds a source directory in place (setuptools writes build/ and *.egg-info beside the sources): a copy
  // keeps sdk/python as generated.
  const source = join(scratch, 'sdk-python');
  rmSync(source, { recursive: true, force: true });
  cpSync(SDK, source, {
    recursive: true,
    filter: (path) => !/(^|\/)(__pycache__|build|dist|[^/]*\.egg-info)$/.test(path),
  });
  await step('python3 -m venv', 'python3', ['-m', 'venv', '--clear', venv]);
  const python = join(venv, 'bin', 'python');
  await step(`pip install ${SDK}`, python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--no-input',
    source,
  ]);
  return { command: python, args: [DRIVER] };
}
