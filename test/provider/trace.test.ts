/**
 * The provider's trace (PULUMI_SINCH_VOICE_TRACE): one whole JSON line per event, appended to what the file holds,
 * through one descriptor; a file that cannot be opened turns tracing off and never fails the operation.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type TraceModule = typeof import('../../provider/implementation/trace');

let directory: string;
const previous = process.env.PULUMI_SINCH_VOICE_TRACE;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'sinch-trace-'));
});

afterEach(() => {
  if (previous === undefined) delete process.env.PULUMI_SINCH_VOICE_TRACE;
  else process.env.PULUMI_SINCH_VOICE_TRACE = previous;
  rmSync(directory, { recursive: true, force: true });
});

/** The module as a provider process loads it, with `file` as its trace (read once, when it loads). */
function loadWith(file: string | undefined): TraceModule {
  if (file === undefined) delete process.env.PULUMI_SINCH_VOICE_TRACE;
  else process.env.PULUMI_SINCH_VOICE_TRACE = file;
  let loaded: TraceModule | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy, which reads the environment
    loaded = require('../../provider/implementation/trace') as TraceModule;
  });
  return loaded as TraceModule;
}

it('appends one JSON line per event, after what the file held, through the descriptor it opened first', () => {
  const file = join(directory, 'trace.jsonl');
  writeFileSync(file, '{"event":"earlier"}\n');
  const { trace, tracing } = loadWith(file);
  expect(tracing()).toBe(true);
  trace('begin', { kind: 'NumberAssignment', method: 'check', subject: '+12015550100' });
  // Opened once: the next event goes where the first went, even after the file was moved.
  const moved = join(directory, 'moved.jsonl');
  renameSync(file, moved);
  trace('list sent', { waiters: 3, reason: 'quiet' });
  expect(existsSync(file)).toBe(false);
  const lines = readFileSync(moved, 'utf8').trimEnd().split('\n');
  expect(lines).toHaveLength(3);
  expect(JSON.parse(lines[0] as string)).toEqual({ event: 'earlier' });
  expect(JSON.parse(lines[1] as string)).toMatchObject({
    event: 'begin',
    kind: 'NumberAssignment',
    method: 'check',
    subject: '+12015550100',
    pid: process.pid,
  });
  expect(JSON.parse(lines[2] as string)).toMatchObject({ event: 'list sent', waiters: 3, reason: 'quiet' });
  expect(typeof (JSON.parse(lines[2] as string) as { t: unknown }).t).toBe('number');
});

it('a trace that cannot be opened is turned off: no event throws, and it is not tried again', () => {
  const file = join(directory, 'missing', 'trace.jsonl');
  const { trace } = loadWith(file);
  expect(() => trace('begin', { subject: '+12015550100' })).not.toThrow();
  // Now it could be opened, but tracing is off for the rest of the process.
  mkdirSync(join(directory, 'missing'));
  expect(() => trace('end', { subject: '+12015550100' })).not.toThrow();
  expect(existsSync(file)).toBe(false);
});

it('unset, tracing is off', () => {
  const { trace, tracing } = loadWith(undefined);
  expect(tracing()).toBe(false);
  expect(() => trace('begin', { subject: '+12015550100' })).not.toThrow();
});
