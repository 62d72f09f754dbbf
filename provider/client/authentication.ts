import type { InternalAxiosRequestConfig } from 'axios';
import { httpLibraries } from './httpLibraries';
import { applicationAuthorization, basicAuthorization } from './signing';
import type { AuthScheme } from './types';

export interface Credentials {
  applicationKey: string;
  applicationSecret: string;
  auth: AuthScheme;
}

/**
 * The one place where requests are authenticated: an axios request interceptor. It runs again on every retry,
 * so a retried request carries a fresh timestamp and signature.
 */
export function authenticationInterceptor(credentials: Credentials) {
  return (config: InternalAxiosRequestConfig): InternalAxiosRequestConfig => {
    const headers = httpLibraries().axios.AxiosHeaders.from(config.headers);
    if (credentials.auth === 'basic') {
      headers.set('Authorization', basicAuthorization(credentials.applicationKey, credentials.applicationSecret));
    } else {
      const timestamp = new Date().toISOString();
      const body = typeof config.data === 'string' ? config.data : undefined;
      headers.set('x-timestamp', timestamp);
      headers.set(
        'Authorization',
        applicationAuthorization(credentials.applicationKey, credentials.applicationSecret, {
          method: config.method ?? 'get',
          path: requestPath(config),
          contentType: String(headers.get('Content-Type') ?? ''),
          timestamp,
          body,
        }),
      );
    }
    config.headers = headers;
    return config;
  };
}

/** The path that goes on the wire (including any prefix in the base URL), without the query. */
function requestPath(config: InternalAxiosRequestConfig): string {
  const base = (config.baseURL ?? '').replace(/\/+$/, '');
  return new URL(`${base}${config.url ?? ''}`).pathname;
}
