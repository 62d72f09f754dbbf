import type { IncomingMessage } from 'node:http';
import { apiErrors } from './errors';

/** The documented body limit: larger bodies are answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The body, up to the documented limit. Past it the rest is read and dropped, and the answer is 413: closing the
 * connection instead while the client still sends would make its system answer with a reset, and the client
 * would see a dropped connection rather than the error.
 */
export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_BODY_BYTES ? reject(apiErrors.payloadTooLarge(MAX_BODY_BYTES)) : resolve(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });
}
