import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP answer, as the script wants it. */
export interface HttpAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  /** How long the server waits before answering. */
  delayMs?: number;
}

/** One scripted answer: an HTTP answer, a dropped connection, or no answer at all. */
export type FixedAnswer = HttpAnswer | 'reset' | 'hang';

/** A fixed answer, or one made from the request (to echo what the client sent). */
export type ScriptedAnswer = FixedAnswer | ((request: ReceivedRequest) => FixedAnswer);

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface ScriptedServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** A server that answers requests from a script, in order (the last answer repeats), and records what it received. */
export async function scriptedServer(script: ScriptedAnswer[]): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const entry = { at: Date.now(), method: request.method ?? '', path: request.url ?? '', headers: request.headers };
      received.push(entry);
      const scripted = script[Math.min(received.length - 1, script.length - 1)] ?? { status: 500 };
      const answer = typeof scripted === 'function' ? scripted(entry) : scripted;
      if (answer === 'reset') return void request.socket.destroy();
      if (answer === 'hang') return;
      const { status, headers = {}, body = '', delayMs = 0 } = answer;
      setTimeout(() => response.writeHead(status, headers).end(body), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

export const sinchError = (
  status: number,
  errorCode: number,
  message: string,
  headers: Record<string, string> = {},
): HttpAnswer =>
  json(
    status,
    { status: `${status} Error`, errorCode, message, reference: '00000000-0000-4000-8000-000000000001' },
    headers,
  );
