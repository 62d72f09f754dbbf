import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_PREFIX, adminRoutes } from './admin';
import { sendJson } from './answers';
import { apiRoutes, type ApiAnswer } from './api';
import { authenticate } from './authentication';
import { Chaos, chaosProblem, type ChaosDecision, type ChaosSettings } from './chaos';
import { answerClientError } from './clientErrors';
import { apiErrors, SimulatedApiError } from './errors';
import { guarded } from './lastResort';
import type { SimulatedApplication, SimulatedNumber } from './model';
import { readBody } from './requestBody';
import { matchPath } from './routing';
import { Store } from './store';
import { Traffic, type LoggedRequest } from './traffic';
import { variantProblem, VariantSettings } from './variants';

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
  /**
   * Faults injected at rates into API requests; also settable at run time through `PUT /_sim/chaos`, with the same
   * rules. Without a seed, one is picked at random (`GET /_sim/chaos` shows it).
   */
  chaos?: Partial<ChaosSettings>;
  /**
   * What an application key the simulator does not know gets on the callbacks routes, assign and unassign: 400 (40003,
   * the default, as the legacy documentation says) or 404 (40400, which Sinch may answer instead). Also settable at run
   * time through `PUT /_sim/variants`.
   */
  unknownApplicationStatus?: 400 | 404;
}

export interface RunningSimulator {
  /** `http://HOST:PORT`, with no trailing slash. */
  url: string;
  close(): Promise<void>;
}

const DEFAULT_CLOCK_SKEW_MS = 15 * 60_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const problem = chaosProblem(options.chaos ?? {});
  if (problem) throw new Error(`chaos: ${problem}`);
  const variantsProblem =
    options.unknownApplicationStatus === undefined
      ? undefined
      : variantProblem('unknownApplicationStatus', options.unknownApplicationStatus);
  if (variantsProblem) throw new Error(variantsProblem);
  const store = await Store.open(
    { applications: options.applications ?? [], numbers: options.numbers ?? [] },
    options.stateFile,
  );
  const traffic = new Traffic();
  const chaos = new Chaos(options.chaos);
  const policy = { clockSkewMs: options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS, now: options.now ?? Date.now };
  // Aborted on close, so that no delay outlives the simulator and no delayed request takes effect after it.
  const closing = new AbortController();
  // Each answer delayed by the latency listens on it: many at once are expected, not a leak.
  setMaxListeners(0, closing.signal);
  const variants = new VariantSettings(
    options.unknownApplicationStatus === undefined
      ? {}
      : { unknownApplicationStatus: options.unknownApplicationStatus },
  );
  const context: Context = { store, traffic, chaos, variants, policy, closing: closing.signal };
  const server = createServer(guarded((request, response) => handle(request, response, context)));
  server.keepAliveTimeout = 5_000;
  // Garbage, oversized headers and broken framing get Sinch's error body too, instead of Node's bare answer.
  server.on('clientError', answerClientError);
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => {
      closing.abort();
      return close(server);
    },
  };
}

interface Context {
  store: Store;
  traffic: Traffic;
  chaos: Chaos;
  variants: VariantSettings;
  policy: { clockSkewMs: number; now: () => number };
  closing: AbortSignal;
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
    if (latencyMs > 0 && !(await pause(latencyMs, context.closing))) {
      response.destroy();
      return;
    }
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
  const fault = context.traffic.takeFault(entry.route, received.method !== 'GET');
  if (fault?.delayMs && !(await pause(fault.delayMs, context.closing))) {
    request.socket.destroy();
    return 'no answer';
  }
  if (fault?.error) {
    entry.fault = 'injected';
    throw fault.error;
  }
  // A lost write is a fault only once it is answered as a success; until then it is checked like any write.
  if (chaosFault && chaosFault !== 'lost-write') entry.fault = chaosFault;
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
  const lost = chaosFault === 'lost-write' || fault?.lostWrite === true;
  try {
    if (!lost) return await route.handler(context.store, { caller, params, body: received.body });
    // Accepted but not applied: the write is checked as usual (a bad one gets its usual error), then dropped.
    const answer = await route.handler(context.store.rehearsal(), { caller, params, body: received.body });
    entry.fault = fault?.lostWrite ? 'injected' : 'lost-write';
    return answer;
  } catch (error) {
    throw context.variants.answerFor(error);
  }
}

async function handleAdmin(
  method: string,
  path: string,
  body: Buffer,
  response: ServerResponse,
  context: Context,
): Promise<void> {
  for (const route of adminRoutes) {
    const params = route.method === method ? matchPath(route.pattern, path) : undefined;
    if (params) {
      const { store, traffic, chaos, variants } = context;
      sendJson(response, 200, await route.handler({ store, traffic, chaos, variants, params, body }));
      return;
    }
  }
  throw apiErrors.notFound();
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Waits, unless the simulator closes first: then it answers false at once, and leaves no timer behind. */
async function pause(milliseconds: number, closing: AbortSignal): Promise<boolean> {
  try {
    await delay(milliseconds, undefined, { signal: closing });
    return true;
  } catch {
    return false;
  }
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
