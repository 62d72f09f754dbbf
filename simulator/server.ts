import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, adminRoutes } from './admin';
import { apiRoutes, type ApiAnswer } from './api';
import { authenticate } from './authentication';
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
}

export interface RunningSimulator {
  /** `http://HOST:PORT`, with no trailing slash. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_CLOCK_SKEW_MS = 15 * 60_000;
const MAX_BODY_BYTES = 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const store = new Store({ applications: options.applications ?? [], numbers: options.numbers ?? [] }, options.stateFile);
  await store.persist();
  const traffic = new Traffic();
  const policy = { clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS, now: options.now ?? Date.now };
  const server = createServer((request, response) => {
    void handle(request, response, { store, traffic, policy });
  });
  server.keepAliveTimeout = 5_000;
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
  policy: { clockSkewMs: number; now: () => number };
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const target = request.url ?? '/';
  const path = target.split('?')[0] ?? '/';
  const method = request.method ?? 'GET';
  const entry: LoggedRequest = { at: new Date().toISOString(), method, path, route: `${method} (unknown)`, status: 0 };
  try {
    const body = await readBody(request);
    if (path.startsWith(ADMIN_PREFIX)) {
      await handleAdmin(method, path, body, response, context);
      return;
    }
    const answer = await handleApi(request, { method, target, path, body }, context, entry);
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
    if (!response.headersSent) sendJson(response, failure.httpStatus, failure.body());
  } finally {
    if (!path.startsWith(ADMIN_PREFIX)) context.traffic.record(entry);
  }
}

async function handleApi(
  request: IncomingMessage,
  received: { method: string; target: string; path: string; body: Buffer },
  context: Context,
  entry: LoggedRequest,
): Promise<ApiAnswer> {
  const onPath = apiRoutes.filter((route) => matchPath(route.pattern, received.path));
  const route = onPath.find((candidate) => candidate.method === received.method);
  if (onPath.length === 0) throw apiErrors.notFound();
  if (!route) throw apiErrors.methodNotAllowed();
  entry.route = `${route.method} ${route.pattern}`;
  const fault = context.traffic.takeFault(entry.route);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault?.error) throw fault.error;
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
  return route.handler(context.store, { caller, params, body: received.body });
}

async function handleAdmin(method: string, path: string, body: Buffer, response: ServerResponse, context: Context): Promise<void> {
  for (const route of adminRoutes) {
    const params = route.method === method ? matchPath(route.pattern, path) : undefined;
    if (params) {
      sendJson(response, 200, await route.handler({ store: context.store, traffic: context.traffic, params, body }));
      return;
    }
  }
  throw apiErrors.notFound();
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(apiErrors.parameterValidation(`the body is larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}

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
