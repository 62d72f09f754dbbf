import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sendJson } from './answers';
import { apiErrors } from './errors';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * A request listener that cannot take the process down. Node turns a rejection nobody handles into an exit, so
 * whatever the handler throws past its own error handling (even while it answers) ends here: the client gets
 * Sinch's 500 body, or a closed connection when an answer had already begun, and the simulator goes on.
 */
export function guarded(handler: RequestHandler): RequestListener {
  return (request, response) => {
    let handling: Promise<void>;
    try {
      handling = handler(request, response);
    } catch (error) {
      handling = Promise.reject(error);
    }
    handling.catch((error: unknown) => answerAfterFailure(response, error));
  };
}

function answerAfterFailure(response: ServerResponse, error: unknown): void {
  console.error('simulator: unexpected error', error);
  try {
    if (!response.headersSent && !response.destroyed) {
      sendJson(response, 500, apiErrors.internal().body());
      return;
    }
  } catch {
    // The answer itself failed: closing the connection is all that is left.
  }
  response.destroy();
}
