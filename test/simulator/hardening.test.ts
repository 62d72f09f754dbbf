/** The simulator under hostile input: bounded memory, Sinch's error body for every refusal, and state files it can trust. */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator';
import { APP_A, APP_B, NUMBERS, VOICE_ONLY } from '../support/fixtures';
import { runSimulator, runSimulatorToExit } from '../support/processes';
import { admin, rawRequest, sharedSimulator, signedCall } from '../support/simulator';

const simulator = sharedSimulator();

/** Writes raw bytes on a fresh connection and answers what comes back. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

const errorBody = (text: string) =>
  JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as { status: string; errorCode: number; message: string };

describe("requests the simulator refuses, each with Sinch's error body", () => {
  it('a body over 1 MiB: 413 (41300), not a connection reset', async () => {
    const answer = await signedCall(
      simulator,
      'POST',
      '/v1/configuration/numbers',
      `{"numbers":["${'1'.repeat(1024 * 1024 + 10)}"]}`,
    );
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ status: '413 PayloadTooLarge', errorCode: 41300 });
    expect((await signedCall(simulator, 'GET', '/v1/configuration/numbers')).status).toBe(200);
  });

  it('oversized headers: 431 (43100) as JSON', async () => {
    const answer = await rawExchange(
      simulator.url,
      `GET /v1/configuration/numbers HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(errorBody(answer)).toMatchObject({ errorCode: 43100 });
  });

  it('garbage instead of HTTP: 400 (40000) as JSON, and the simulator stays up', async () => {
    const answer = await rawExchange(simulator.url, '\u0000\u0001GARBAGE \u00ff\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(errorBody(answer)).toMatchObject({ errorCode: 40000 });
    expect((await signedCall(simulator, 'GET', '/v1/configuration/numbers')).status).toBe(200);
  });

  it.each([
    ['a wrong method', 405, 40500, 'PUT', '/v1/configuration/numbers', {}],
    [
      'a wrong method on callbacks',
      405,
      40500,
      'DELETE',
      `/v1/configuration/callbacks/applications/${APP_A.key}`,
      undefined,
    ],
    ['an unknown route', 404, 40400, 'GET', '/v1/nothing/here', undefined],
    ['an unknown admin route', 404, 40400, 'GET', '/_sim/nothing', undefined],
    ['malformed JSON', 400, 40001, 'POST', '/v1/configuration/numbers', '{"numbers": ['],
  ])('%s: %i (%i) with the whole documented body', async (_case, status, errorCode, method, path, body) => {
    const answer = await signedCall(simulator, method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json).toEqual({
      status: expect.stringMatching(new RegExp(`^${status} [A-Za-z]+$`)),
      errorCode,
      message: expect.any(String),
      reference: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('500 concurrent connections are all answered', async () => {
    const answers = await Promise.all(
      Array.from({ length: 500 }, () => signedCall(simulator, 'GET', '/v1/configuration/numbers')),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it('the request log keeps at most 256 characters of a path, so hostile paths cannot grow it without bound', async () => {
    const long = `/v1/${'x'.repeat(15_000)}`;
    for (let index = 0; index < 200; index += 1) await rawRequest(simulator.url, { method: 'GET', path: long });
    const answer = await rawRequest(simulator.url, { method: 'GET', path: '/_sim/requests' });
    const requests = (answer.json as { requests: Array<{ path: string }> }).requests;
    expect(requests).toHaveLength(200);
    expect(requests[0]?.path).toMatch(/^\/v1\/x{252}…\(15004 characters\)$/);
    expect(answer.text.length).toBeLessThan(200 * 600);
  });
});

describe('state files', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sinch-state-'));
  });
  afterEach(() => {
    // A test may leave a folder closed (0000) or sealed (0555): as any user but root, rmSync could not empty it.
    for (const entry of readdirSync(directory, { withFileTypes: true }))
      if (entry.isDirectory()) chmodSync(join(directory, entry.name), 0o700);
    rmSync(directory, { recursive: true, force: true });
  });

  /**
   * startSimulator where it must refuse: one that starts is closed at once and fails, so that a broken refusal fails
   * its test instead of leaving a server open that keeps jest from ending.
   */
  const startRefusing = (options: SimulatorOptions) =>
    startSimulator(options).then(async (running) => {
      await running.close();
      throw new Error(`the simulator started (${running.url}) instead of refusing the state file`);
    });

  const valid = () => ({
    version: 1,
    applications: [APP_A, APP_B],
    numbers: NUMBERS,
    bindings: { [`${VOICE_ONLY}/voice`]: APP_A.key },
    callbacks: { [APP_A.key]: { primary: 'https://a.example.com' } },
  });

  it.each([
    ['bindings: null', { bindings: null }, /bindings/],
    ['string capabilities', { numbers: [{ number: VOICE_ONLY, capabilities: 'voice' }] }, /numbers\.0\.capabilities/],
    [
      'a binding to an unknown application',
      { bindings: { [`${VOICE_ONLY}/voice`]: 'nobody' } },
      /bound to nobody, which is not an application/,
    ],
    [
      'a number that is not E.164',
      { numbers: [{ number: '12015550100', capabilities: ['voice'] }], bindings: {} },
      /not an E\.164 number/,
    ],
    ['version 2', { version: 2 }, /version/],
  ])(
    '%s: refused at start, naming the file and the problem; the file stays as it was',
    async (_name, change, problem) => {
      const file = join(directory, 'state.json');
      const text = JSON.stringify({ ...valid(), ...change });
      writeFileSync(file, text);
      await expect(startRefusing({ stateFile: file })).rejects.toThrow(
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a simulator state file: .*${problem.source}`),
      );
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('corrupt JSON: the error names the file', async () => {
    const file = join(directory, 'state.json');
    writeFileSync(file, '{"version": 1, "applica');
    await expect(startRefusing({ stateFile: file })).rejects.toThrow(
      `${file} is not a simulator state file: it is not valid JSON`,
    );
  });

  it('a FIFO is refused at once instead of hanging', async () => {
    const file = join(directory, 'state.fifo');
    execFileSync('mkfifo', [file]);
    await expect(startRefusing({ stateFile: file })).rejects.toThrow(`${file} is not a regular file`);
  });

  it('a read-only state file is refused and keeps its mode and content', async () => {
    const file = join(directory, 'state.json');
    const text = JSON.stringify(valid());
    writeFileSync(file, text);
    chmodSync(file, 0o444);
    await expect(startRefusing({ stateFile: file })).rejects.toThrow(`${file} is read-only`);
    expect(statSync(file).mode & 0o777).toBe(0o444);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  /** For the tests that start Node once or twice, on a machine that may be running every other suite meanwhile. */
  const PROCESSES = 60_000;

  it(
    'the command stops at start with the message and exit code 1',
    async () => {
      const file = join(directory, 'state.json');
      writeFileSync(file, JSON.stringify({ ...valid(), bindings: null }));
      const { code, stderr } = await runSimulatorToExit(['--state', file]);
      expect(code).toBe(1);
      expect(stderr).toContain(`sinch-voice-sim: ${file} is not a simulator state file`);
    },
    PROCESSES,
  );

  /**
   * Files the command's user cannot read, enter or write. It runs so that it obeys file modes even when the tests run
   * as root (test/support/fileModes.ts), with `directory` as its working directory and paths relative to it: the same
   * modes make the point for every user, wherever the checkout and the temporary folder are. Each test first starts
   * the same command on a readable state file in the same folder, which must start, so that the refusal that follows
   * comes from the mode alone.
   */
  const here = () => ({ cwd: directory, obeyingFileModes: true });
  async function expectStartsOn(stateFile: string): Promise<void> {
    const { listening, code, signal, stderr } = await runSimulator(['--state', stateFile], here());
    if (listening === undefined) {
      throw new Error(
        `control: the command did not start on the readable state file ${stateFile}, so a refusal in this setting would ` +
          `prove nothing: exit ${code ?? signal}, stderr: ${stderr}`,
      );
    }
  }
  const mode = (path: string) => statSync(path).mode & 0o777;

  it(
    'a state file its user cannot read (0200): the command stops with a message naming the file, which stays as it was',
    async () => {
      const text = JSON.stringify(valid());
      writeFileSync(join(directory, 'readable.json'), text, { mode: 0o600 });
      await expectStartsOn('readable.json');
      const file = join(directory, 'unreadable.json');
      writeFileSync(file, text, { mode: 0o600 });
      chmodSync(file, 0o200);
      const { code, stderr } = await runSimulatorToExit(['--state', 'unreadable.json'], here());
      expect(code).toBe(1);
      expect(stderr).toContain('sinch-voice-sim: unreadable.json cannot be read: EACCES');
      expect(mode(file)).toBe(0o200);
      chmodSync(file, 0o600);
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
    PROCESSES,
  );

  it(
    'a state file in a folder its user cannot enter (0000): the command stops with a message naming the file, which stays as it was',
    async () => {
      const closed = join(directory, 'closed');
      mkdirSync(closed, { mode: 0o700 });
      const text = JSON.stringify(valid());
      writeFileSync(join(closed, 'readable.json'), text, { mode: 0o600 });
      await expectStartsOn('closed/readable.json');
      writeFileSync(join(closed, 'state.json'), text, { mode: 0o600 });
      chmodSync(closed, 0o000);
      const { code, stderr } = await runSimulatorToExit(['--state', 'closed/state.json'], here());
      expect(mode(closed)).toBe(0o000);
      chmodSync(closed, 0o700);
      expect(code).toBe(1);
      expect(stderr).toContain('sinch-voice-sim: closed/state.json cannot be read: EACCES');
      expect(mode(join(closed, 'state.json'))).toBe(0o600);
      expect(readFileSync(join(closed, 'state.json'), 'utf8')).toBe(text);
    },
    PROCESSES,
  );

  it.each([
    ['no state file yet', undefined],
    ['an existing state file', JSON.stringify(valid())],
  ])(
    'a state file in a folder its user cannot write (0555), %s: the command stops with a message naming the file; the folder stays as it was',
    async (_case, text) => {
      const sealed = join(directory, 'sealed');
      mkdirSync(sealed, { mode: 0o700 });
      // While the folder is writable, the command starts there and creates its state file.
      await expectStartsOn('sealed/created.json');
      if (text !== undefined) writeFileSync(join(sealed, 'state.json'), text, { mode: 0o600 });
      const before = readdirSync(sealed).sort();
      chmodSync(sealed, 0o555);
      const { code, stderr } = await runSimulatorToExit(['--state', 'sealed/state.json'], here());
      expect(code).toBe(1);
      expect(stderr).toContain('sinch-voice-sim: sealed/state.json cannot be written: EACCES');
      expect(mode(sealed)).toBe(0o555);
      expect(readdirSync(sealed).sort()).toEqual(before);
      if (text !== undefined) expect(readFileSync(join(sealed, 'state.json'), 'utf8')).toBe(text);
    },
    PROCESSES,
  );

  it('an existing writable file keeps its mode across writes', async () => {
    const file = join(directory, 'state.json');
    writeFileSync(file, JSON.stringify(valid()));
    chmodSync(file, 0o640);
    const running = await startSimulator({ stateFile: file });
    try {
      await admin(running, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
      expect(statSync(file).mode & 0o777).toBe(0o640);
    } finally {
      await running.close();
    }
  });

  it('a write that fails fails the request and leaves the state as it was, in memory and after a restart', async () => {
    const file = join(directory, 'state.json');
    let running: RunningSimulator = await startSimulator({
      applications: [APP_A, APP_B],
      numbers: NUMBERS,
      stateFile: file,
    });
    try {
      // The state file's place is taken by a non-empty directory: the atomic rename onto it fails.
      unlinkSync(file);
      mkdirSync(join(file, 'blocker'), { recursive: true });
      const answer = await signedCall(running, 'POST', '/v1/configuration/numbers', {
        numbers: [VOICE_ONLY],
        applicationkey: APP_B.key,
      });
      expect(answer.status).toBe(500);
      expect(answer.json).toMatchObject({ errorCode: 50000 });
      expect((await admin<{ bindings: Record<string, string> }>(running, 'GET', 'state')).bindings).toEqual({});
    } finally {
      await running.close();
    }
    rmSync(file, { recursive: true });
    writeFileSync(file, JSON.stringify({ ...valid(), bindings: {} }));
    running = await startSimulator({ stateFile: file });
    try {
      expect((await admin<{ bindings: Record<string, string> }>(running, 'GET', 'state')).bindings).toEqual({});
    } finally {
      await running.close();
    }
  });
});
