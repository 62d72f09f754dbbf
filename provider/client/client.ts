import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import axiosRetry from 'axios-retry';
import type { z } from 'zod';
import { checkApplicationKey, checkCallbackUrl, checkCapability, checkNumber, isLoopbackHost, type Checked } from './arguments';
import { authenticationInterceptor } from './authentication';
import { SinchApiError, SinchArgumentError, SinchConnectionError, type OperationName } from './errors';
import { DEFAULT_RETRY_BUDGET, outcomeUnknown, retryConfiguration, type RetryBudget } from './retryPolicy';
import {
  callbacksAnswer,
  errorAnswer,
  numbersAnswer,
  queryNumberAnswer,
  shapeProblem,
  type WireAssignNumbersBody,
  type WireCallbacksBody,
  type WireUnassignNumberBody,
} from './schemas';
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

export const DEFAULT_BASE_URL = 'https://callingapi.sinch.com';
/** The API takes 1..100 numbers per assign call. */
export const MAX_NUMBERS_PER_ASSIGN = 100;

/** How a request is sent: a read, a write that may safely be sent twice, or one that may not. */
type Kind = 'read' | 'idempotent write' | 'write';

/** A typed client for the Sinch Voice configuration endpoints. */
export class SinchConfigurationClient {
  readonly baseUrl: string;
  private readonly http: AxiosInstance;
  private readonly budget: RetryBudget;

  constructor(options: SinchConfigurationClientOptions) {
    const auth = options.auth ?? 'signed';
    validateOptions(options, auth);
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.budget = {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_BUDGET.maxRetries,
      retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_BUDGET.retryDelayMs,
      maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_RETRY_BUDGET.maxRetryDelayMs,
      operationTimeoutMs: options.operationTimeoutMs ?? DEFAULT_RETRY_BUDGET.operationTimeoutMs,
    };
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      // Bodies are serialized once, in send(), so the signed bytes are exactly the bytes sent; answers are parsed
      // and checked there too, so that bad JSON is an error rather than a string.
      transformRequest: [(data: unknown) => data],
      transformResponse: [(data: unknown) => data],
      responseType: 'text',
      headers: { Accept: 'application/json' },
      // A redirect would carry the credentials to wherever it points.
      maxRedirects: 0,
    });
    this.http.interceptors.request.use(
      authenticationInterceptor({ applicationKey: options.applicationKey, applicationSecret: options.applicationSecret, auth }),
    );
    axiosRetry(this.http, retryConfiguration(this.budget));
  }

  async listNumbers(): Promise<NumberBinding[]> {
    const { numbers } = await this.read('listNumbers', '/v1/configuration/numbers', numbersAnswer);
    return numbers.map(({ number, applicationkey, capability }) =>
      applicationkey ? { number, applicationKey: applicationkey, capability } : { number, capability },
    );
  }

  async assignNumbers(request: AssignNumbersRequest): Promise<void> {
    const numbers = argument('assignNumbers', 'numbers', numberList(request.numbers));
    const applicationKey = optionalArgument('assignNumbers', 'applicationKey', request.applicationKey, checkApplicationKey);
    const capability = optionalArgument('assignNumbers', 'capability', request.capability, checkCapability);
    for (let start = 0; start < numbers.length; start += MAX_NUMBERS_PER_ASSIGN) {
      const body: WireAssignNumbersBody = { numbers: numbers.slice(start, start + MAX_NUMBERS_PER_ASSIGN), applicationkey: applicationKey, capability };
      // Assigning the same numbers to the same application twice is harmless: it may be retried after a lost answer.
      await this.send('assignNumbers', 'POST', '/v1/configuration/numbers', 'idempotent write', body);
    }
  }

  async unassignNumber(request: UnassignNumberRequest): Promise<void> {
    const body: WireUnassignNumberBody = {
      number: argument('unassignNumber', 'number', checkNumber(request.number)),
      applicationkey: optionalArgument('unassignNumber', 'applicationKey', request.applicationKey, checkApplicationKey),
      capability: optionalArgument('unassignNumber', 'capability', request.capability, checkCapability),
    };
    // A second unassign answers "not assigned": after a lost answer the caller reads the binding and decides.
    await this.send('unassignNumber', 'DELETE', '/v1/configuration/numbers', 'write', body);
  }

  async getCallbacks(applicationKey: string): Promise<CallbackUrls> {
    const key = argument('getCallbacks', 'applicationKey', checkApplicationKey(applicationKey));
    const { url } = await this.read('getCallbacks', callbacksPath(key), callbacksAnswer);
    return { ...(url.primary ? { primary: url.primary } : {}), ...(url.fallback ? { fallback: url.fallback } : {}) };
  }

  async updateCallbacks(applicationKey: string, urls: CallbackUrls): Promise<void> {
    const key = argument('updateCallbacks', 'applicationKey', checkApplicationKey(applicationKey));
    const body: WireCallbacksBody = {
      url: {
        primary: optionalArgument('updateCallbacks', 'primary', urls.primary, clearableUrl),
        fallback: optionalArgument('updateCallbacks', 'fallback', urls.fallback, clearableUrl),
      },
    };
    await this.send('updateCallbacks', 'POST', callbacksPath(key), 'idempotent write', body);
  }

  async queryNumber(number: string): Promise<NumberInformation> {
    const checked = argument('queryNumber', 'number', checkNumber(number));
    return (await this.read('queryNumber', `/v1/calling/query/number/${pathSegment(checked)}`, queryNumberAnswer)).number;
  }

  /** A GET whose answer must be JSON of the documented shape. */
  private async read<T>(operation: OperationName, path: string, schema: z.ZodType<T>): Promise<T> {
    const { status, text } = await this.send(operation, 'GET', path, 'read');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw SinchApiError.unexpectedAnswer(operation, status, text === '' ? 'no body' : 'not JSON');
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw SinchApiError.unexpectedAnswer(operation, status, shapeProblem(result.error));
    return result.data;
  }

  /** The one request path: serialize, send (the interceptor signs, axios-retry retries), map failures to our errors. */
  private async send(operation: OperationName, method: Method, path: string, kind: Kind, body?: object): Promise<{ status: number; text: string }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const sinchAttempts = { idempotent: kind !== 'write', deadline: Date.now() + this.budget.operationTimeoutMs };
    try {
      const response = await this.http.request<string>({
        method,
        url: path,
        data,
        headers: data === undefined ? {} : { 'Content-Type': 'application/json' },
        sinchAttempts,
      });
      return { status: response.status, text: typeof response.data === 'string' ? response.data : '' };
    } catch (error) {
      throw translateError(operation, this.baseUrl, kind, error);
    }
  }
}

function translateError(operation: OperationName, baseUrl: string, kind: Kind, error: unknown): Error {
  if (!(error instanceof AxiosError)) return error instanceof Error ? error : new Error(String(error));
  const config = error.config as (typeof error.config & { 'axios-retry'?: { retryCount?: number } }) | undefined;
  const made = {
    attempts: (config?.['axios-retry']?.retryCount ?? 0) + 1,
    outcomeUnknown: kind !== 'read' && outcomeUnknown(error),
    gaveUp: config?.sinchAttempts?.gaveUp,
  };
  if (error.response) {
    const { status } = error.response;
    const note = status >= 300 && status < 400 ? ' (redirects are not followed: they would carry the credentials elsewhere)' : '';
    return new SinchApiError(operation, status, errorBody(error.response.data), made, note);
  }
  return new SinchConnectionError(operation, baseUrl, error.code, error.message, made);
}

function errorBody(data: unknown): z.infer<typeof errorAnswer> | undefined {
  if (typeof data !== 'string' || data === '') return undefined;
  try {
    const parsed = errorAnswer.safeParse(JSON.parse(data));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: an HTML page from a proxy, say. Its start says enough.
  }
  return { message: data.slice(0, 200) };
}

/** The value, or a SinchArgumentError that names the operation and the argument, before any request. */
function argument<T>(operation: OperationName, name: string, checked: Checked<T>): T {
  if (!checked.ok) throw new SinchArgumentError(`${operation}: ${name} ${checked.reason}`);
  return checked.value;
}

function optionalArgument<T>(operation: OperationName, name: string, value: unknown, check: (value: unknown) => Checked<T>): T | undefined {
  return value === undefined ? undefined : argument(operation, name, check(value));
}

function numberList(value: unknown): Checked<string[]> {
  if (!Array.isArray(value) || value.length === 0) return { ok: false, reason: 'must hold at least one number' };
  const numbers: string[] = [];
  for (const [index, number] of value.entries()) {
    const checked = checkNumber(number);
    if (!checked.ok) return { ok: false, reason: `[${index}] ${checked.reason}` };
    numbers.push(checked.value);
  }
  return { ok: true, value: numbers };
}

/** A callback URL to send exactly as given: a valid one, or '' to clear it. */
function clearableUrl(value: unknown): Checked<string> {
  if (value === '') return { ok: true, value: '' };
  const checked = checkCallbackUrl(value);
  return checked.ok ? { ok: true, value: value as string } : checked;
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
  if (options.baseUrl !== undefined) validateBaseUrl(options.baseUrl);
}

function validateBaseUrl(baseUrl: string): void {
  let url: URL | undefined;
  try {
    url = /^https?:\/\/[^/]/i.test(baseUrl) ? new URL(baseUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) throw new TypeError(`SinchConfigurationClient: baseUrl must be an absolute http(s) URL; got "${baseUrl.slice(0, 100)}"`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(
      `SinchConfigurationClient: baseUrl must use https: "${baseUrl.slice(0, 100)}" would send the credentials across the network in clear text ` +
        '(plain http is allowed only for localhost and 127.0.0.1, such as the simulator)',
    );
  }
}
