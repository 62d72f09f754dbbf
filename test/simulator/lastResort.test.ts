/** Whatever a handler throws, the process stays up and the client gets an answer or a closed connection. */
import { createServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { answerClientError } from '../../simulator/clientErrors';
import { guarded, type RequestHandler } from '../../simulator/lastResort';
import { rawRequest } from '../support/simulator';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

async function serve(handler: RequestHandler): Promise<string> {
  server = createServer(guarded(handler));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (url: string) => rawRequest(url, { method: 'GET', path: '/' });

/** The body when the answer completes, 'dropped' when the connection closes before it does. */
function outcome(url: string): Promise<string> {
  return new Promise((resolve) => {
    httpGet(url, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve(text));
      response.on('error', () => resolve('dropped'));
    }).on('error', () => resolve('dropped'));
  });
}

describe('the last-resort guard', () => {
  it.each([
    ['rejects', async () => Promise.reject(new TypeError('a bug'))],
    [
      'throws before its first await',
      (() => {
        throw new Error('a bug');
      }) as RequestHandler,
    ],
    [
      'answers with an invalid status (ERR_HTTP_INVALID_STATUS_CODE)',
      async (_request, response) => {
        response.writeHead(99).end();
      },
    ],
  ] as Array<[string, RequestHandler]>)("a handler that %s: 500 with Sinch's body", async (_case, handler) => {
    const answer = await get(await serve(handler));
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ status: '500 InternalError', errorCode: 50000, reference: expect.any(String) });
  });

  it('a handler that fails after its answer began: the connection closes, and the server goes on', async () => {
    let calls = 0;
    const url = await serve(async (_request, response) => {
      calls += 1;
      if (calls > 1) {
        response.writeHead(200).end('fine');
        return;
      }
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('half');
      throw new Error('a bug halfway');
    });
    expect(await outcome(url)).toBe('dropped');
    expect(await outcome(url)).toBe('fine');
  });
});

describe('requests the HTTP parser refuses', () => {
  function answerTo(code: string | undefined): string {
    const socket = new PassThrough();
    let written = '';
    socket.on('data', (chunk: Buffer) => (written += chunk.toString()));
    answerClientError(Object.assign(new Error('refused'), { code }), socket);
    return written;
  }

  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 43100],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 40800],
    ['HPE_INVALID_METHOD', 400, 40000],
    [undefined, 400, 40000],
  ])("%s: %i with errorCode %i in Sinch's body, and the connection closes", (code, status, errorCode) => {
    const written = answerTo(code);
    expect(written).toMatch(new RegExp(`^HTTP/1\\.1 ${status} [A-Za-z]+\\r\\n`));
    expect(written).toContain('Connection: close\r\n');
    expect(JSON.parse(written.slice(written.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: expect.stringMatching(new RegExp(`^${status} `)),
      errorCode,
    });
  });

  it('a connection the client already reset gets no answer', () => {
    expect(answerTo('ECONNRESET')).toBe('');
  });
});
