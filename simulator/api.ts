import { optionalString, parseObjectBody, foldKeys, type JsonObject } from './body';
import { apiErrors } from './errors';
import { CAPABILITIES, type Capability } from './model';
import { queryNumber, requireE164 } from './phoneNumbers';
import type { Store } from './store';

/** What a handler answers: a JSON body with 200, or nothing with 204. */
export type ApiAnswer = { status: 200; body: unknown } | { status: 204 };

export interface ApiRequest {
  /** The calling application, after authentication. */
  caller: string;
  params: Record<string, string>;
  body: Buffer;
}

export type ApiHandler = (store: Store, request: ApiRequest) => Promise<ApiAnswer> | ApiAnswer;

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** A path with `:name` segments. */
  pattern: string;
  handler: ApiHandler;
}

const MAX_NUMBERS = 100;
const NO_CONTENT = { status: 204 } as const;

export const apiRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: '/v1/configuration/numbers',
    handler: (store) => ({ status: 200, body: { numbers: store.listNumbers() } }),
  },
  {
    method: 'POST',
    pattern: '/v1/configuration/numbers',
    handler: async (store, request) => {
      const body = parseObjectBody(request.body);
      const numbers = requireNumberList(body.numbers);
      await store.assign(numbers, applicationOf(body, request.caller), capabilityOf(body) ?? 'voice');
      return NO_CONTENT;
    },
  },
  {
    method: 'DELETE',
    pattern: '/v1/configuration/numbers',
    handler: async (store, request) => {
      const body = parseObjectBody(request.body);
      if (body.number === undefined || body.number === '') throw apiErrors.missingParameter('number is missing');
      await store.unassign(requireE164(body.number, 'number'), applicationOf(body, request.caller), capabilityOf(body));
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: '/v1/configuration/callbacks/applications/{key}',
    handler: (store, request) => {
      const urls = store.getCallbacks(request.params.key ?? '');
      return { status: 200, body: { url: urls } };
    },
  },
  {
    method: 'POST',
    pattern: '/v1/configuration/callbacks/applications/{key}',
    handler: async (store, request) => {
      const body = parseObjectBody(request.body);
      if (!body.url || typeof body.url !== 'object' || Array.isArray(body.url))
        throw apiErrors.missingParameter('url is missing');
      const url = foldKeys(body.url as JsonObject);
      await store.updateCallbacks(request.params.key ?? '', {
        primary: urlField(url, 'primary'),
        fallback: urlField(url, 'fallback'),
      });
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: '/v1/calling/query/number/{number}',
    handler: (_store, request) => ({
      status: 200,
      body: { method: 'numberItem', number: queryNumber(request.params.number ?? '') },
    }),
  },
];

function requireNumberList(value: unknown): string[] {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
    throw apiErrors.missingParameter('numbers is missing or empty');
  }
  if (!Array.isArray(value)) throw apiErrors.parameterValidation('numbers must be an array of E.164 numbers');
  if (value.length > MAX_NUMBERS)
    throw apiErrors.parameterValidation(`numbers holds ${value.length} items; at most ${MAX_NUMBERS} are allowed`);
  return value.map((number, index) => requireE164(number, `numbers[${index}]`));
}

/** An empty application key means the application that signed the request. */
function applicationOf(body: JsonObject, caller: string): string {
  return optionalString(body, 'applicationkey') ?? caller;
}

function capabilityOf(body: JsonObject): Capability | undefined {
  const value = optionalString(body, 'capability');
  if (value === undefined) return undefined;
  if (!(CAPABILITIES as readonly string[]).includes(value)) {
    throw apiErrors.parameterValidation(`capability must be one of ${CAPABILITIES.join(', ')}; got "${value}"`);
  }
  return value as Capability;
}

/** Absent keeps the stored URL; null or "" clears it. */
function urlField(url: JsonObject, field: string): string | null | undefined {
  const value = url[field];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw apiErrors.parameterValidation(`url.${field} must be a string`);
  return value;
}
