import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { CAPABILITIES, type SimulatorState } from './model';

const E164 = /^\+[1-9]\d{1,14}$/;
const capability = z.enum(CAPABILITIES as [string, ...string[]]);
// No length limits: whatever the simulator accepted and wrote must load again after a restart.
const url = z.string();

/** The whole shape of a `--state` file: a file that starts must also answer every request without a 500. */
const stateSchema = z
  .object({
    version: z.literal(1),
    applications: z.array(z.object({ key: z.string().min(1), secret: z.string().min(1) })),
    numbers: z.array(
      z.object({ number: z.string().regex(E164, 'not an E.164 number'), capabilities: z.array(capability).min(1) }),
    ),
    bindings: z.record(
      z.string().regex(/^\+[1-9]\d{1,14}\/(voice|sms)$/, 'not "<E.164 number>/<voice|sms>"'),
      z.string().min(1),
    ),
    callbacks: z.record(z.string(), z.object({ primary: url.optional(), fallback: url.optional() })),
  })
  .superRefine((state, context) => {
    const applications = new Set(state.applications.map(({ key }) => key));
    const numbers = new Map(state.numbers.map(({ number, capabilities }) => [number, capabilities]));
    for (const [binding, application] of Object.entries(state.bindings)) {
      const [number = '', bound = ''] = binding.split('/');
      if (!applications.has(application))
        context.addIssue({
          code: 'custom',
          path: ['bindings', binding],
          message: `bound to ${application}, which is not an application of the file`,
        });
      if (!numbers.get(number)?.includes(bound))
        context.addIssue({
          code: 'custom',
          path: ['bindings', binding],
          message: 'not a number and capability of the file',
        });
    }
    for (const key of Object.keys(state.callbacks)) {
      if (!applications.has(key))
        context.addIssue({ code: 'custom', path: ['callbacks', key], message: 'not an application of the file' });
    }
  });

/**
 * Reads and checks a state file; undefined when there is none yet. Every refusal names the file and the problem and
 * leaves the file as it was: the simulator does not start rather than serve (or overwrite) a state it cannot trust.
 */
export function readStateFile(file: string): SimulatorState | undefined {
  let status: Stats;
  try {
    // stat, not open: opening a FIFO would wait for a writer forever.
    status = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (!status.isFile())
    throw new Error(`${file} is not a regular file; give the path of a state file (or of one to create)`);
  // Mode bits rather than access(): as root, access() answers writable for a read-only file.
  if ((status.mode & 0o200) === 0)
    throw new Error(`${file} is read-only; make it writable (chmod u+w) or give another state file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not a simulator state file: it is not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  const result = stateSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    throw new Error(
      `${file} is not a simulator state file: ${issue.path.join('.') || '(the whole file)'}: ${issue.message}`,
    );
  }
  return result.data as SimulatorState;
}

/** Writes the whole state atomically (a temporary file, then a rename): a crash never leaves half a file. */
export async function writeStateFile(file: string, state: SimulatorState): Promise<void> {
  // A new file holds secrets, so only its owner may read it; an existing one keeps its mode and owner.
  const mode = existsSync(file) ? {} : { mode: 0o600 };
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, mode);
}
