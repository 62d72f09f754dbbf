/**
 * The simulator's memory under hostile and heavy traffic, measured on the `sinch-voice-sim` process itself: the
 * request log keeps a bounded amount per request, and 500 connections at once are all answered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { SAMPLE_APPLICATIONS } from '../../simulator';
import { spawnSimulator, type SimulatorProcess } from '../support/processes';

jest.setTimeout(60_000);

const [sample] = SAMPLE_APPLICATIONS;
const BASIC = `Basic ${Buffer.from(`${sample?.key}:${sample?.secret}`).toString('base64')}`;
/**
 * Well above what the simulator uses after this traffic (about 110 MB), well below what it uses when log entries
 * keep whole requests alive (about 250 MB, and 630 MB with whole schemes in the answer).
 */
const RSS_LIMIT_MB = 180;

let running: SimulatorProcess | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Resident memory of the simulator process, in MB; undefined where /proc does not exist. */
function residentMegabytes(pid: number | undefined): number | undefined {
  const status = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(status)) return undefined;
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1]) / 1024;
}

function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  agent: Agent | false,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    request(`${url}${path}`, { headers, agent }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
    })
      .on('error', reject)
      .end();
  });
}

it('10,000 requests with 15 KB paths or 15 KB Authorization schemes: the log answer and the memory stay bounded', async () => {
  running = await spawnSimulator(['--port', '0']);
  const { url } = running;
  const agent = new Agent({ keepAlive: true, maxSockets: 50 });
  const longPath = `/v1/${'p'.repeat(15_000)}`;
  // The scheme is logged once the route is known; a header of 15 KB with no space is all scheme.
  const longScheme = { Authorization: 'S'.repeat(15_000) };
  let sent = 0;
  const worker = async () => {
    while (sent < 10_000) {
      sent += 1;
      await (sent % 2 === 0
        ? send(url, longPath, {}, agent)
        : send(url, '/v1/configuration/numbers', longScheme, agent));
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  agent.destroy();
  const log = await send(url, '/_sim/requests', {}, false);
  // About 400 bytes an entry with the text cut to 256 characters; whole, it was 15 KB.
  expect(log.bytes).toBeLessThan(10_000 * 1_000);
  const resident = residentMegabytes(running.child.pid);
  if (resident !== undefined) expect(resident).toBeLessThan(RSS_LIMIT_MB);
});

it('500 connections at once are each answered, and the simulator stays up and bounded', async () => {
  running = await spawnSimulator(['--port', '0']);
  const { url } = running;
  const answers = await Promise.all(
    Array.from({ length: 500 }, () => send(url, '/v1/configuration/numbers', { Authorization: BASIC }, false)),
  );
  expect(answers.map(({ status }) => status)).toEqual(Array.from({ length: 500 }, () => 200));
  expect((await send(url, '/v1/configuration/numbers', { Authorization: BASIC }, false)).status).toBe(200);
  const resident = residentMegabytes(running.child.pid);
  if (resident !== undefined) expect(resident).toBeLessThan(RSS_LIMIT_MB);
});
