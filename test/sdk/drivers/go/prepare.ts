/**
 * The Go driver of the SDK tests (this folder, a Go module over sdk/go): built once into a scratch folder with the
 * machine's Go and its usual build cache, then run as `command args` with an SdkRequest on stdin (see
 * test/sdk/protocol.ts). GOTOOLCHAIN=local: never download a toolchain; -mod=readonly: go.mod and go.sum as committed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DRIVER = __dirname;
const BINARY = 'sinch-go-driver';

/** The builds started in this process, by scratch folder: each folder gets one build. */
const builds = new Map<string, Promise<{ command: string; args: string[] }>>();

/** What execFile rejects with: the child's output when it ran, the spawn error's code when it did not. */
type ExecError = { stdout?: string; stderr?: string; message: string; code?: unknown };

async function build(scratch: string): Promise<{ command: string; args: string[] }> {
  mkdirSync(scratch, { recursive: true });
  const binary = join(scratch, BINARY);
  try {
    // -buildvcs=false: no `git status` of the repository around the module (slow, and refused in some checkouts).
    await promisify(execFile)('go', ['build', '-buildvcs=false', '-o', binary, '.'], {
      cwd: DRIVER,
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly' },
      maxBuffer: 16 * 1024 * 1024,
      // A first build with an empty Go build cache compiles the Pulumi Go SDK and the Automation API (minutes).
      timeout: 20 * 60_000,
    });
  } catch (error) {
    const { stdout, stderr, message, code } = error as ExecError;
    const said = `${stdout ?? ''}${stderr ?? ''}`.trim();
    const why = said || (code === 'ENOENT' ? `${message} (no \`go\` on PATH)` : message);
    throw new Error(`go build of the Go driver (${DRIVER}) failed:\n${why}`, { cause: error });
  }
  return { command: binary, args: [] };
}

/** Builds the Go driver into `scratch` (once per folder) and answers how to run it. */
export async function prepareGoDriver(scratch: string): Promise<{ command: string; args: string[] }> {
  let started = builds.get(scratch);
  if (started === undefined) {
    started = build(scratch);
    // A failed build is not kept: the next call tries again (and fails with go's own words again).
    started.catch(() => builds.delete(scratch));
    builds.set(scratch, started);
  }
  return started;
}
