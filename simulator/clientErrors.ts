import type { Duplex } from 'node:stream';
import { apiErrors, type SimulatedApiError } from './errors';

/**
 * The answer to a request Node's parser refused (garbage, oversized headers, a request too slow to arrive), in
 * Sinch's error body, instead of Node's bare status line. For the server's `clientError` event.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A connection the client already dropped has nobody to read an answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const failure = failureFor(error.code);
  const text = JSON.stringify(failure.body());
  socket.end(
    `HTTP/1.1 ${failure.httpStatus} ${failure.statusText}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function failureFor(code: string | undefined): SimulatedApiError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return apiErrors.headersTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return apiErrors.requestTimeout();
    default:
      return apiErrors.malformedRequest();
  }
}
