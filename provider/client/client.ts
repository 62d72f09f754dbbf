import type { AxiosInstance, Method } from 'axios';
import type { z } from 'zod';
import { checkApplicationKey, checkCapability, checkNumber } from './arguments';
import { authenticationInterceptor, type Credentials } from './authentication';
import { SinchApiError, type AttemptsMade, type OperationName } from './errors';
import { attemptsOf, translateError } from './failures';
import { httpLibraries } from './httpLibraries';
import { argument, clearableUrl, numberList, optionalArgument, requestObject } from './operationArguments';
import { retryBudgetOf, validateOptions } from './options';
import { quoting, type Quote } from './quoting';
import { redaction, type Redaction } from './redaction';
import { attemptTimeout, retryConfiguration, type RequestKind, type RetryBudget } from './retryPolicy';
import {
  answers,
  shapeProblem,
  type WireAssignNumbersBody,
  type WireCallbacksBody,
  type WireUnassignNumberBody,
} from './schemas';
import type {
  AssignNumbersRequest,
  CallbackUrls,
  NumberBinding,
  NumberInformation,
  SinchConfigurationClientOptions,
  UnassignNumberRequest,
} from './types';

export const DEFAULT_BASE_URL = 'https://callingapi.sinch.com';
/** The API takes 1..100 numbers per assign call. */
export const MAX_NUMBERS_PER_ASSIGN = 100;

/**
 * Loads what the first request needs, axios, axios-retry and zod (httpLibraries.ts), for a caller that would rather
 * take that time before its first request than during it.
 */
export function loadHttpStack(): void {
  httpLibraries();
  answers();
}

/** A typed client for the Sinch Voice configuration endpoints. */
export class SinchConfigurationClient {
  readonly baseUrl: string;
  /** The axios instance, made by the first request (httpLibraries.ts says why). */
  private readonly http: () => AxiosInstance;
  private readonly budget: RetryBudget;
  private readonly redact: Redaction;
  /** The signing application: the one a write without applicationKey addresses. */
  private readonly callingApplication: string;
  /** How an argument error shows a bad value: never the secret. */
  private readonly quote: Quote;

  constructor(options: SinchConfigurationClientOptions) {
    const { applicationKey, auth, baseUrl } = validateOptions(options);
    this.baseUrl = (baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.budget = retryBudgetOf(options);
    this.redact = redaction(options.applicationSecret);
    this.quote = quoting([options.applicationSecret]);
    this.callingApplication = applicationKey;
    // The secret stays in this closure, never in a field of the client, where an inspect would show it.
    const credentials: Credentials = { applicationKey, applicationSecret: options.applicationSecret, auth };
    let http: AxiosInstance | undefined;
    this.http = () => (http ??= httpInstance(this.baseUrl, credentials, this.budget));
  }

  async listNumbers(): Promise<NumberBinding[]> {
    const { numbers } = await this.read('listNumbers', '/v1/configuration/numbers', answers().numbers);
    return numbers.map(({ number, applicationkey, capability }) =>
      applicationkey ? { number, applicationKey: applicationkey, capability } : { number, capability },
    );
  }

  async assignNumbers(request: AssignNumbersRequest): Promise<void> {
    requestObject('assignNumbers', request, 'request', this.quote);
    const numbers = argument('assignNumbers', 'numbers', numberList(request.numbers, this.quote));
    const applicationKey = optionalArgument(
      'assignNumbers',
      'applicationKey',
      request.applicationKey,
      checkApplicationKey,
      this.quote,
    );
    const capability = optionalArgument('assignNumbers', 'capability', request.capability, checkCapability, this.quote);
    // One deadline for the whole call, however many batches it takes.
    const deadline = this.deadline();
    for (let start = 0; start < numbers.length; start += MAX_NUMBERS_PER_ASSIGN) {
      const body: WireAssignNumbersBody = {
        numbers: numbers.slice(start, start + MAX_NUMBERS_PER_ASSIGN),
        applicationkey: applicationKey,
        capability,
      };
      // Assigning the same numbers to the same application twice is harmless: it may be retried after a lost answer.
      await this.send(
        'assignNumbers',
        'POST',
        '/v1/configuration/numbers',
        'idempotent write',
        body,
        deadline,
        applicationKey ?? this.callingApplication,
      );
    }
  }

  async unassignNumber(request: UnassignNumberRequest): Promise<void> {
    requestObject('unassignNumber', request, 'request', this.quote);
    const body: WireUnassignNumberBody = {
      number: argument('unassignNumber', 'number', checkNumber(request.number, this.quote)),
      applicationkey: optionalArgument(
        'unassignNumber',
        'applicationKey',
        request.applicationKey,
        checkApplicationKey,
        this.quote,
      ),
      capability: optionalArgument('unassignNumber', 'capability', request.capability, checkCapability, this.quote),
    };
    // A second unassign answers "not assigned": after a lost answer the caller reads the binding and decides.
    await this.send(
      'unassignNumber',
      'DELETE',
      '/v1/configuration/numbers',
      'write',
      body,
      undefined,
      body.applicationkey ?? this.callingApplication,
    );
  }

  async getCallbacks(applicationKey: string): Promise<CallbackUrls> {
    const key = argument('getCallbacks', 'applicationKey', checkApplicationKey(applicationKey, this.quote));
    const { url } = await this.read('getCallbacks', callbacksPath(key), answers().callbacks, key);
    return { ...(url.primary ? { primary: url.primary } : {}), ...(url.fallback ? { fallback: url.fallback } : {}) };
  }

  async updateCallbacks(applicationKey: string, urls: CallbackUrls): Promise<void> {
    const key = argument('updateCallbacks', 'applicationKey', checkApplicationKey(applicationKey, this.quote));
    requestObject('updateCallbacks', urls, 'urls', this.quote);
    const body: WireCallbacksBody = {
      url: {
        primary: optionalArgument('updateCallbacks', 'primary', urls.primary, clearableUrl, this.quote),
        fallback: optionalArgument('updateCallbacks', 'fallback', urls.fallback, clearableUrl, this.quote),
      },
    };
    await this.send('updateCallbacks', 'POST', callbacksPath(key), 'idempotent write', body, undefined, key);
  }

  async queryNumber(number: string): Promise<NumberInformation> {
    const checked = argument('queryNumber', 'number', checkNumber(number, this.quote));
    return (await this.read('queryNumber', `/v1/calling/query/number/${pathSegment(checked)}`, answers().queryNumber))
      .number;
  }

  /** A GET whose answer must be JSON of the documented shape. */
  private async read<T>(
    operation: OperationName,
    path: string,
    schema: z.ZodType<T>,
    application?: string,
  ): Promise<T> {
    const { status, text, made } = await this.send(operation, 'GET', path, 'read', undefined, undefined, application);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw SinchApiError.unexpectedAnswer(operation, status, text === '' ? 'no body' : 'not JSON', made);
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw SinchApiError.unexpectedAnswer(operation, status, shapeProblem(result.error), made);
    return result.data;
  }

  /**
   * The one request path: serialize, send (the interceptor signs, axios-retry retries), map failures to our errors.
   * `application` is the application the request addresses, for errors that say Sinch does not know it.
   */
  private async send(
    operation: OperationName,
    method: Method,
    path: string,
    kind: RequestKind,
    body?: object,
    deadline = this.deadline(),
    application?: string,
  ): Promise<{ status: number; text: string; made: AttemptsMade }> {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const sinchAttempts = { idempotent: kind !== 'write', deadline };
    try {
      const response = await this.http().request<string>({
        method,
        url: path,
        data,
        headers: data === undefined ? {} : { 'Content-Type': 'application/json' },
        timeout: attemptTimeout(this.budget, deadline - Date.now()),
        sinchAttempts,
      });
      const made = { attempts: attemptsOf(response.config), outcomeUnknown: false };
      return { status: response.status, text: typeof response.data === 'string' ? response.data : '', made };
    } catch (error) {
      throw translateError(operation, this.baseUrl, kind, error, this.redact, application);
    }
  }

  private deadline(): number {
    return Date.now() + this.budget.operationTimeoutMs;
  }
}

/** An axios instance for one client: its base URL, authentication and retries. */
function httpInstance(baseUrl: string, credentials: Credentials, budget: RetryBudget): AxiosInstance {
  const { axios, axiosRetry } = httpLibraries();
  const http = axios.create({
    baseURL: baseUrl,
    // Bodies are serialized once, in send(), so the signed bytes are exactly the bytes sent; answers are parsed
    // and checked there too, so that bad JSON is an error rather than a string.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    responseType: 'text',
    headers: { Accept: 'application/json' },
    // A redirect would carry the credentials to wherever it points.
    maxRedirects: 0,
  });
  http.interceptors.request.use(authenticationInterceptor(credentials));
  axiosRetry(http, retryConfiguration(budget));
  return http;
}

function callbacksPath(applicationKey: string): string {
  return `/v1/configuration/callbacks/applications/${pathSegment(applicationKey)}`;
}

/** Encodes a path segment but keeps `+` literal, as every Sinch SDK sends E.164 numbers. */
function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%2B/gi, '+');
}
