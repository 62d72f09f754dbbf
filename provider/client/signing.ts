import { createHash, createHmac } from 'node:crypto';
import { checkApplicationSecret } from './arguments';

/** The parts of a request that the Sinch "Application" signature covers. */
export interface SignableRequest {
  method: string;
  /** The path only: no scheme, host or query. */
  path: string;
  /** The Content-Type header exactly as sent; empty when none is sent. */
  contentType: string;
  /** The x-timestamp header exactly as sent. */
  timestamp: string;
  /** The exact body bytes; empty or absent when there is no body. */
  body?: string | Buffer;
}

/** True when the secret is standard padded base64, as the dashboard shows it and as Java and .NET require. */
export const isBase64Secret = (secret: string): boolean => checkApplicationSecret(secret, 'signed').ok;

export function contentMd5(body: string | Buffer | undefined): string {
  if (body === undefined || body.length === 0) return '';
  return createHash('md5').update(body).digest('base64');
}

export function stringToSign(request: SignableRequest): string {
  return [
    request.method.toUpperCase(),
    contentMd5(request.body),
    request.contentType,
    `x-timestamp:${request.timestamp}`,
    request.path,
  ].join('\n');
}

export function signature(applicationSecret: string, request: SignableRequest): string {
  return createHmac('sha256', Buffer.from(applicationSecret, 'base64'))
    .update(stringToSign(request), 'utf8')
    .digest('base64');
}

export function applicationAuthorization(
  applicationKey: string,
  applicationSecret: string,
  request: SignableRequest,
): string {
  return `Application ${applicationKey}:${signature(applicationSecret, request)}`;
}

export function basicAuthorization(applicationKey: string, applicationSecret: string): string {
  return `Basic ${Buffer.from(`${applicationKey}:${applicationSecret}`, 'utf8').toString('base64')}`;
}
