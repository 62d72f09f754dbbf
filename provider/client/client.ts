import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import axiosRetry, { exponentialDelay, isNetworkError } from 'axios-retry';
import { authenticationInterceptor } from './authentication';
import { SinchApiError, SinchConnectionError, type OperationName } from './errors';
import { isBase64Secret } from './signing';
import {
  AUTH_SCHEMES,
  type AssignNumbersRequest,
  type CallbackUrls,
  type NumberBinding,
  type NumberInformation,
  type SinchConfigurationClientOptions,
  type UnassignNumberRequest,
} from './types';
import type {
  WireAssignNumbersBody,
  WireCallbacks,
  WireError,
  WireNumbersResponse,
  WireQueryNumberResponse,
  WireUnassignNumberBody,
} from './wire';

export const DEFAULT_BASE_URL = 'https://callingapi.sinch.com';
/** The API takes 1..100 numbers per assign call. */
export const MAX_NUMBERS_PER_ASSIGN = 100;
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

/** A typed client for the Sinch Voice configuration endpoints. */
export class SinchConfigurationClient {
  readonly baseUrl: string;
  private readonly http: AxiosInstance;

  constructor(options: SinchConfigurationClientOptions) {
    const auth = options.auth ?? 'signed';
    validateOptions(options, auth);
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      // Bodies are serialized once, in send(), so the signed bytes are exactly the bytes sent.
      transformRequest: [(data: unknown) => data],
      headers: { Accept: 'application/json' },
      maxRedirects: 0,
    });
    this.http.interceptors.request.use(
      authenticationInterceptor({ applicationKey: options.applicationKey, applicationSecret: options.applicationSecret, auth }),
    );
    axiosRetry(this.http, {
      retries: options.maxRetries ?? 3,
      retryDelay: exponentialDelay,
      retryCondition: (error) => isNetworkError(error) || RETRYABLE_STATUSES.has(error.response?.status ?? 0),
    });
  }

  async listNumbers(): Promise<NumberBinding[]> {
    const response = await this.send<WireNumbersResponse>('listNumbers', 'GET', '/v1/configuration/numbers');
    return (response?.numbers ?? []).map(({ number, applicationkey, capability }) =>
      applicationkey ? { number, applicationKey: applicationkey, capability } : { number, capability },
    );
  }

  async assignNumbers(request: AssignNumbersRequest): Promise<void> {
    if (request.numbers.length === 0) throw new TypeError('assignNumbers: numbers must hold at least one number');
    for (let start = 0; start < request.numbers.length; start += MAX_NUMBERS_PER_ASSIGN) {
      const body: WireAssignNumbersBody = {
        numbers: request.numbers.slice(start, start + MAX_NUMBERS_PER_ASSIGN),
        applicationkey: request.applicationKey,
        capability: request.capability,
      };
      await this.send('assignNumbers', 'POST', '/v1/configuration/numbers', body);
    }
  }

  async unassignNumber(request: UnassignNumberRequest): Promise<void> {
    const body: WireUnassignNumberBody = {
      number: request.number,
      applicationkey: request.applicationKey,
      capability: request.capability,
    };
    await this.send('unassignNumber', 'DELETE', '/v1/configuration/numbers', body);
  }

  async getCallbacks(applicationKey: string): Promise<CallbackUrls> {
    const response = await this.send<WireCallbacks>('getCallbacks', 'GET', callbacksPath(applicationKey));
    const { primary, fallback } = response?.url ?? {};
    return { ...(primary ? { primary } : {}), ...(fallback ? { fallback } : {}) };
  }

  async updateCallbacks(applicationKey: string, urls: CallbackUrls): Promise<void> {
    const body: WireCallbacks = { url: { primary: urls.primary, fallback: urls.fallback } };
    await this.send('updateCallbacks', 'POST', callbacksPath(applicationKey), body);
  }

  async queryNumber(number: string): Promise<NumberInformation> {
    // The SDKs strip spaces so that the signed path and the path the server sees agree.
    const path = `/v1/calling/query/number/${pathSegment(number.replace(/\s+/g, ''))}`;
    const response = await this.send<WireQueryNumberResponse>('queryNumber', 'GET', path);
    if (!response?.number) throw new SinchApiError('queryNumber', 200, { message: 'the answer had no "number" object' });
    return response.number;
  }

  /** The one request path: serialize, send (the interceptor signs), map failures to our errors. */
  private async send<T = undefined>(operation: OperationName, method: Method, path: string, body?: object): Promise<T | undefined> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    try {
      const response = await this.http.request<T>({
        method,
        url: path,
        data,
        headers: data === undefined ? {} : { 'Content-Type': 'application/json' },
        responseType: 'json',
      });
      return response.data === '' ? undefined : response.data;
    } catch (error) {
      throw translateError(operation, this.baseUrl, error);
    }
  }
}

function translateError(operation: OperationName, baseUrl: string, error: unknown): Error {
  if (error instanceof AxiosError) {
    if (error.response) return new SinchApiError(operation, error.response.status, parseErrorBody(error.response.data));
    return new SinchConnectionError(operation, baseUrl, error.code, error.message);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function parseErrorBody(data: unknown): WireError | undefined {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as WireError;
    } catch {
      return data ? { message: data.slice(0, 500) } : undefined;
    }
  }
  return data && typeof data === 'object' ? (data as WireError) : undefined;
}

function callbacksPath(applicationKey: string): string {
  return `/v1/configuration/callbacks/applications/${pathSegment(applicationKey)}`;
}

/** Encodes a path segment but keeps `+` literal, as every Sinch SDK sends E.164 numbers. */
function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2B/gi, '+');
}

function validateOptions(options: SinchConfigurationClientOptions, auth: string): void {
  if (!options.applicationKey) throw new TypeError('SinchConfigurationClient: applicationKey is required');
  if (!options.applicationSecret) throw new TypeError('SinchConfigurationClient: applicationSecret is required');
  if (!(AUTH_SCHEMES as readonly string[]).includes(auth)) {
    throw new TypeError(`SinchConfigurationClient: auth must be one of ${AUTH_SCHEMES.join(', ')}; got "${auth}"`);
  }
  if (auth === 'signed' && !isBase64Secret(options.applicationSecret)) {
    throw new TypeError(
      'SinchConfigurationClient: applicationSecret must be the base64 value shown in the Sinch dashboard for signed requests (it is not valid base64)',
    );
  }
  if (options.baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(options.baseUrl)) {
    throw new TypeError(`SinchConfigurationClient: baseUrl must be an absolute http(s) URL; got "${options.baseUrl}"`);
  }
}
