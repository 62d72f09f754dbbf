import type { AxiosError } from 'axios';
import { cutSecrets } from './quoting';

/** Removes credentials from a text: the secret, and the credential part of the Authorization header that was sent. */
export type Redaction = (text: string, error: AxiosError) => string;

const REDACTED = '[redacted]';

/**
 * Server text that goes into an error (an error body's message) passes through this first: a proxy or a debugging
 * endpoint that echoes the request would otherwise carry the Authorization header, or the secret, into logs.
 */
export function redaction(applicationSecret: string): Redaction {
  return (text, error) => {
    const authorization = String(error.config?.headers?.get?.('Authorization') ?? '');
    // "Application key:signature" or "Basic base64(key:secret)": the part after the scheme, and the signature alone.
    const credential = authorization.slice(authorization.indexOf(' ') + 1);
    const secrets = [authorization, credential, credential.slice(credential.lastIndexOf(':') + 1), applicationSecret];
    return cutSecrets(text, secrets, REDACTED);
  };
}
