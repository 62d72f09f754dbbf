import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, adminRoutes } from './admin';
import { apiRoutes, type ApiAnswer } from './api';
import { authenticate } from './authentication';
import { Chaos, type ChaosDecision, type ChaosSettings } from './chaos';
import { apiErrors, SimulatedApiError } from './errors';
import type { SimulatedApplication, SimulatedNumber } from './model';
import { matchPath } from './routing';
import { Store } from './store';
import { Traffic, type LoggedRequest } from './traffic';

export interface SimulatorOptions {
  /** 0 (the default) picks any free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  applications?: SimulatedApplication[];
  numbers?: SimulatedNumber[];
  /** Persist state to this file, atomically, and load it at start when it exists. */
  stateFile?: string;
  /** How far x-timestamp may be from the simulator's clock; defaults to 15 minutes. */
  clockSkewMs?: number;
  /** The simulator's clock, for tests of stale timestamps. */
  now?: () => number;
  /** Faults injected at rates into API requests; also settable at run time through `PUT /_sim/chaos`. */
  chaos?: Partial<ChaosSettings>;
}

export interface RunningSimulator {
  /** `http://HOST:PORT`, with no trailing slash. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_CLOCK_SKEW_MS = 15 * 60_000;
/** The documented body limit: larger bodies are answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const store = new Store({ applications: options.applications ?? [], numbers: options.numbers ?? [] }, options.stateFile);
  await store.persist();
  const traffic = new Traffic();
  const chaos = new Chaos(options.chaos);
  const policy = { clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS, now: options.now ?? Date.now };
  const server = createServer((request, response) => {
    handle(request, response, { store, traffic, chaos, policy }).catch((error: unknown) => lastResort(response, error));
  });
  server.keepAliveTimeout = 5_000;
  // Garbage, oversized headers and broken framing get Sinch's error body too, instead of Node's bare answer.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const failure = error.code === 'HPE_HEADER_OVERFLOW' ? apiErrors.headersTooLarge() : apiErrors.malformedRequest();
    const text = JSON.stringify(failure.body());
    socket.end(
      `HTTP/1.1 ${failure.httpStatus} ${failure.statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => close(server),
  };
}

interface Context {
  store: Store;
  traffic: Traffic;
  chaos: Chaos;
  policy: { clockSkewMs: number; now: () => number };
}

/** Whatever a handler threw past its own error handling, the process stays up and the client gets an answer. */
function lastResort(response: ServerResponse, error: unknown): void {
  console.error('simulator: unexpected error', error);
  if (!response.headersSent && !response.destroyed) sendJson(response, 500, apiErrors.internal().body());
  else response.destroy();
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const target = request.url ?? '/';
  const path = target.split('?')[0] ?? '/';
  const method = request.method ?? 'GET';
  const entry: LoggedRequest = { at: new Date().toISOString(), method, path, route: `${method} (unknown)`, status: 0 };
  const admin = path.startsWith(ADMIN_PREFIX);
  // Drawn on arrival, before any await, so that a seed replays the same faults for the same request sequence.
  const fault: ChaosDecision = admin ? { failAfter: false, failStatus: 500 } : context.chaos.decide(method !== 'GET');
  try {
    const body = await readBody(request);
    if (admin) {
      await handleAdmin(method, path, body, response, context);
      return;
    }
    const latencyMs = context.chaos.settings().latencyMs;
    if (latencyMs > 0) await sleep(latencyMs);
    const answer = await handleApi(request, { method, target, path, body }, context, entry, fault);
    if (answer === 'no answer') return;
    if (fault.failAfter) {
      entry.fault = 'fail-after';
      throw apiErrors.internalAfterWrite();
    }
    entry.status = answer.status;
    if (answer.status === 204) {
      response.writeHead(204).end();
    } else {
      sendJson(response, 200, answer.body);
    }
  } catch (error) {
    const failure = error instanceof SimulatedApiError ? error : apiErrors.internal();
    if (!(error instanceof SimulatedApiError)) console.error('simulator: unexpected error', error);
    entry.status = failure.httpStatus;
    entry.errorCode = failure.errorCode;
    if (!response.headersSent) sendJson(response, failure.httpStatus, failure.body(), failure.headers);
  } finally {
    if (!admin) context.traffic.record(entry);
  }
}

async function handleApi(
  request: IncomingMessage,
  received: { method: string; target: string; path: string; body: Buffer },
  context: Context,
  entry: LoggedRequest,
  decision: ChaosDecision,
): Promise<ApiAnswer | 'no answer'> {
  const chaosFault = decision.before;
  const onPath = apiRoutes.filter((route) => matchPath(route.pattern, received.path));
  const route = onPath.find((candidate) => candidate.method === received.method);
  if (onPath.length === 0) throw apiErrors.notFound();
  if (!route) throw apiErrors.methodNotAllowed();
  entry.route = `${route.method} ${route.pattern}`;
  const fault = context.traffic.takeFault(entry.route);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.error) {
    entry.fault = 'injected';
    throw fault.error;
  }
  if (chaosFault) entry.fault = chaosFault;
  switch (chaosFault) {
    case 'hang':
      // No answer: the client gives up; the socket goes when it does, or when the simulator closes.
      return 'no answer';
    case 'reset':
      request.socket.destroy();
      return 'no answer';
    case 'throttle':
      throw apiErrors.capacityExceeded(context.chaos.settings().retryAfterSeconds);
    case 'fail':
      throw decision.failStatus === 500 ? apiErrors.internal() : apiErrors.temporarilyDown();
    default:
      break;
  }
  entry.scheme = request.headers.authorization?.split(' ')[0];
  const caller = authenticate(
    {
      method: received.method,
      target: received.target,
      authorization: request.headers.authorization,
      contentType: request.headers['content-type'],
      timestamp: header(request, 'x-timestamp'),
      body: received.body,
    },
    { ...context.policy, secrets: context.store.secrets() },
  );
  entry.caller = caller;
  const params = matchPath(route.pattern, received.path) ?? {};
  // Accepted but not applied: the write is checked as usual and answered as a success, but nothing changes.
  if (chaosFault === 'lost-write') return { status: 204 };
  return route.handler(context.store, { caller, params, body: received.body });
}

async function handleAdmin(method: string, path: string, body: Buffer, response: ServerResponse, context: Context): Promise<void> {
  for (const route of adminRoutes) {
    const params = route.method === method ? matchPath(route.pattern, path) : undefined;
    if (params) {
      sendJson(response, 200, await route.handler({ store: context.store, traffic: context.traffic, chaos: context.chaos, params, body }));
      return;
    }
  }
  throw apiErrors.notFound();
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body, up to the documented limit; past it the rest is read and dropped, and the answer is 413. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => (size > MAX_BODY_BYTES ? reject(apiErrors.payloadTooLarge(MAX_BODY_BYTES)) : resolve(Buffer.concat(chunks))));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
