/**
 * Requests the client would never send (an old timestamp, camelCase fields, a body that is not JSON, another
 * method), signed as the Node SDK signs them, to see what the API does with them.
 */
import { applicationAuthorization, basicAuthorization, DEFAULT_BASE_URL } from '../../provider/client';
import { settings } from './account';

export interface RawAnswer {
  status: number;
  /** The parsed JSON body, when there was one. */
  json: { errorCode?: number | string; message?: string; reference?: string; [field: string]: unknown } | undefined;
  text: string;
}

export interface RawRequest {
  method: string;
  path: string;
  /** Sent as is when a string, as JSON otherwise. */
  body?: unknown;
  /** The x-timestamp to sign and send; now by default. */
  timestamp?: Date;
  /** `basic` sends Basic credentials with this user name instead of signing. */
  basicUser?: string;
}

export async function rawRequest({
  method,
  path,
  body,
  timestamp = new Date(),
  basicUser,
}: RawRequest): Promise<RawAnswer> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = text === undefined ? '' : 'application/json';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (basicUser !== undefined) {
    headers.Authorization = basicAuthorization(basicUser, settings.applicationSecret);
  } else {
    const sentAt = timestamp.toISOString();
    headers['x-timestamp'] = sentAt;
    headers.Authorization = applicationAuthorization(settings.applicationKey, settings.applicationSecret, {
      method,
      path,
      contentType,
      timestamp: sentAt,
      body: text,
    });
  }
  const response = await fetch(`${(settings.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}${path}`, {
    method,
    headers,
    body: text,
    redirect: 'manual',
  });
  const answer = await response.text();
  let json: RawAnswer['json'];
  try {
    json = answer ? (JSON.parse(answer) as RawAnswer['json']) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text: answer.slice(0, 500) };
}

/** Status and Sinch error code of an answer, the form the simulator's behaviours are stated in. */
export const statusOf = (answer: RawAnswer): { status: number; errorCode: number | undefined } => ({
  status: answer.status,
  errorCode: answer.json?.errorCode === undefined ? undefined : Number(answer.json.errorCode),
});
