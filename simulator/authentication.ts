import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { apiErrors } from './errors';
import { parseTimestamp } from './timestamp';

export interface AuthenticationRequest {
  method: string;
  /** The request target as received: path and query. */
  target: string;
  authorization: string | undefined;
  contentType: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

export interface AuthenticationPolicy {
  /** Application key → secret, for every application of the project. */
  secrets: ReadonlyMap<string, string>;
  clockSkewMs: number;
  now: () => number;
}

/**
 * Checks a request as the reference's §6.6 orders it and answers with the calling application's key.
 * Throws the documented error for each failure.
 */
export function authenticate(request: AuthenticationRequest, policy: AuthenticationPolicy): string {
  const header = request.authorization?.trim();
  const match = header ? /^(\S+)\s+(\S.*)$/.exec(header) : null;
  if (!match) throw apiErrors.authorizationHeader();
  const [, scheme = '', credentials = ''] = match;
  switch (scheme.toLowerCase()) {
    case 'basic':
      return authenticateBasic(credentials, policy);
    case 'application':
      return authenticateSigned(credentials, request, policy);
    default:
      throw apiErrors.invalidScheme();
  }
}

function authenticateBasic(credentials: string, policy: AuthenticationPolicy): string {
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw apiErrors.authorizationHeader();
  // The legacy node-sinch-request library prefixed the user name with `application\`.
  const key = decoded.slice(0, colon).replace(/^application\\/i, '');
  const secret = policy.secrets.get(key);
  if (secret === undefined || !equalText(secret, decoded.slice(colon + 1))) throw apiErrors.invalidCredentials();
  return key;
}

function authenticateSigned(credentials: string, request: AuthenticationRequest, policy: AuthenticationPolicy): string {
  if (request.timestamp === undefined) throw apiErrors.timestampHeader('missing');
  const sentAt = parseTimestamp(request.timestamp);
  if (sentAt === undefined) throw apiErrors.timestampHeader('not an ISO-8601 UTC timestamp');
  if (Math.abs(policy.now() - sentAt) > policy.clockSkewMs)
    throw apiErrors.timestampHeader('outside the allowed clock skew');
  const colon = credentials.indexOf(':');
  if (colon < 0) throw apiErrors.authorizationHeader();
  const key = credentials.slice(0, colon);
  const secret = policy.secrets.get(key);
  if (secret === undefined) throw apiErrors.invalidSignature();
  const presented = credentials.slice(colon + 1);
  const valid = candidatePaths(request.target).some((path) =>
    equalText(presented, signatureOf(secret, request, path, request.timestamp as string)),
  );
  if (!valid) throw apiErrors.invalidSignature();
  return key;
}

/** Clients disagree on the resource they sign: most the raw path, .NET the path and query, Java the decoded path. */
function candidatePaths(target: string): string[] {
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const candidates = new Set([path, target]);
  try {
    candidates.add(decodeURIComponent(path));
  } catch {
    // A malformed escape simply has no decoded form.
  }
  return [...candidates];
}

function signatureOf(secret: string, request: AuthenticationRequest, path: string, timestamp: string): string {
  const md5 = request.body.length === 0 ? '' : createHash('md5').update(request.body).digest('base64');
  const text = [request.method.toUpperCase(), md5, request.contentType ?? '', `x-timestamp:${timestamp}`, path].join(
    '\n',
  );
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(text, 'utf8').digest('base64');
}

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
