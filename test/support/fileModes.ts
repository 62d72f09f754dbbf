/**
 * Running a Node script so that it obeys file modes as their owner does, whoever runs the tests.
 *
 * Root, or any process holding CAP_DAC_OVERRIDE or CAP_DAC_READ_SEARCH, reads and writes any file whatever its mode. A
 * test that means "a file its user cannot read" then proves nothing, and running the child as another user (nobody)
 * instead depends on where the checkout is: that user must be able to reach the Node binary and every module, which a
 * clone under a 0700 folder (`mktemp -d`, root's home) does not allow. So such a process starts the script through
 * `setpriv` (util-linux) without any capability: it stays the same user, owns the same files, and obeys their modes
 * like any owner. A process without those capabilities starts the script directly: it already obeys them.
 *
 * Without capabilities the child could not enter a folder above the checkout or the test's files that only a
 * capability lets root enter (another user's 0750 home under `sudo`, a 0000 folder). It does not need to: setpriv
 * execs Node while it still holds its capabilities, the checkout is passed to the child as an open folder (fd 3,
 * reached as /proc/self/fd/3, with Node's --preserve-symlinks so that it keeps that path), and the test's files are
 * reached from the child's working directory, which spawn enters before setpriv runs. Give it paths relative to `cwd`.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';

/** Capabilities that override file modes, by their bit in /proc/self/status. */
const OVERRIDING = { CAP_DAC_OVERRIDE: 1n, CAP_DAC_READ_SEARCH: 2n } as const;

/** The capabilities of this process that let it ignore file modes (none: it obeys them). */
export function capabilitiesOverridingModes(): string[] {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : undefined;
  const effective = status === undefined ? undefined : /^CapEff:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  // Without /proc (not Linux), root is taken to override modes, as it does on every Unix.
  if (effective === undefined) return process.getuid?.() === 0 ? ['root'] : [];
  const held = BigInt(`0x${effective}`);
  return Object.entries(OVERRIDING)
    .filter(([, bit]) => (held >> bit) & 1n)
    .map(([name]) => name);
}

function findSetpriv(): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin', '/usr/sbin', '/sbin'];
  for (const directory of directories.filter(Boolean)) {
    const candidate = join(directory, 'setpriv');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

export interface ModeObeyingCommand {
  command: string;
  args: string[];
  /** Extra descriptors for spawn's stdio (from fd 3 on); close them with `release` once spawn has returned. */
  fds: number[];
  release(): void;
  /** How the script runs, for messages. */
  description: string;
}

/**
 * The command that runs `node <script> <args>` so that it obeys file modes. `root` is a folder holding the script and
 * the node_modules it loads (the checkout). Throws, naming what is missing, when this process overrides modes and
 * setpriv is not installed: the caller fails instead of proving nothing.
 */
export function nodeObeyingFileModes(script: string, args: string[], root: string): ModeObeyingCommand {
  const capabilities = capabilitiesOverridingModes();
  if (capabilities.length === 0) {
    const description = 'node, directly (this process obeys file modes)';
    return { command: process.execPath, args: [script, ...args], fds: [], release: () => undefined, description };
  }
  const setpriv = findSetpriv();
  if (!setpriv) {
    throw new Error(
      `this test needs setpriv (util-linux) on PATH: the tests run with ${capabilities.join(', ')}, which ignore file modes, ` +
        'and setpriv starts the command without them. Install util-linux, or run the tests as a user without those capabilities.',
    );
  }
  const checkout = openSync(root, 'r');
  return {
    command: setpriv,
    args: [
      '--bounding-set=-all',
      '--inh-caps=-all',
      '--',
      process.execPath,
      '--preserve-symlinks',
      '--preserve-symlinks-main',
      join('/proc/self/fd/3', relative(root, script)),
      ...args,
    ],
    fds: [checkout],
    release: () => closeSync(checkout),
    description: `node through ${setpriv} --bounding-set=-all --inh-caps=-all (this process holds ${capabilities.join(', ')})`,
  };
}
