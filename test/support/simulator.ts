import { request } from 'node:http';
import { applicationAuthorization, SinchConfigurationClient, type AuthScheme } from '../../provider';
import {
  startSimulator,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatedApplication,
} from '../../simulator';
import { APP_A, APP_B, NUMBERS } from './fixtures';

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ applications: [APP_A, APP_B], numbers: NUMBERS, ...options });
}

export function clientFor(
  simulator: RunningSimulator,
  auth: AuthScheme,
  application: SimulatedApplication = APP_A,
  extra: { maxRetries?: number; timeoutMs?: number } = {},
): SinchConfigurationClient {
  return new SinchConfigurationClient({
    applicationKey: application.key,
    applicationSecret: application.secret,
    baseUrl: simulator.url,
    auth,
    maxRetries: 0,
    ...extra,
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** Sends exactly the given headers and body bytes, with nothing added: for SDK-shaped and hostile requests. */
export function rawRequest(
  url: string,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // Node sends a DELETE body with no framing unless told its length.
    const length: Record<string, string> =
      options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) };
    const headers = { ...length, ...options.headers };
    const outgoing = request(`${url}${options.path}`, { method: options.method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    outgoing.on('error', reject);
    if (options.body !== undefined) outgoing.write(options.body);
    outgoing.end();
  });
}

/** A call to the simulator's admin surface. */
export async function admin<T = unknown>(
  simulator: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await rawRequest(simulator.url, {
    method,
    path: `/_sim/${path}`,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`admin ${method} ${path} answered ${response.status}: ${response.text}`);
  return response.json as T;
}

export interface PublicState {
  applications: Array<{ key: string }>;
  numbers: Array<{ number: string; capabilities: string[] }>;
  bindings: Record<string, string>;
  callbacks: Record<string, { primary?: string; fallback?: string }>;
}

export const simulatorState = (simulator: RunningSimulator): Promise<PublicState> =>
  admin<PublicState>(simulator, 'GET', 'state');

/** A request signed as the Node SDK signs it (Content-Type only with a body), sent byte for byte. */
export function signedCall(
  simulator: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
  application: SimulatedApplication = APP_A,
): Promise<RawResponse> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const timestamp = new Date().toISOString();
  const contentType = text === undefined ? '' : 'application/json';
  const headers: Record<string, string> = {
    'x-timestamp': timestamp,
    Authorization: applicationAuthorization(application.key, application.secret, {
      method,
      path: path.split('?')[0] ?? path,
      contentType,
      timestamp,
      body: text,
    }),
  };
  if (contentType) headers['Content-Type'] = contentType;
  return rawRequest(simulator.url, { method, path, headers, body: text });
}

/**
 * One simulator for the whole test file, reset to its seed before each test. The answer stands for the running
 * simulator: its `url` is read when used, after beforeAll has started it.
 */
export function sharedSimulator(options: SimulatorOptions = {}): RunningSimulator {
  let running: RunningSimulator | undefined;
  const current = (): RunningSimulator => {
    if (!running) throw new Error('the shared simulator is used before beforeAll started it');
    return running;
  };
  beforeAll(async () => {
    running = await startTestSimulator(options);
  });
  afterAll(() => running?.close());
  beforeEach(() => admin(current(), 'POST', 'reset'));
  return {
    get url() {
      return current().url;
    },
    close: () => current().close(),
  };
}
