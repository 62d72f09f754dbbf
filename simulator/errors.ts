import { randomUUID } from 'node:crypto';

/** An error answer in Sinch's documented shape: `{status, errorCode, message, reference}`. */
export class SimulatedApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly errorCode: number,
    readonly statusText: string,
    message: string,
    /** Headers the answer carries besides its JSON body, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { status: string; errorCode: number; message: string; reference: string } {
    return {
      status: `${this.httpStatus} ${this.statusText}`,
      errorCode: this.errorCode,
      message: this.message,
      reference: randomUUID(),
    };
  }
}

/** The codes of the reference's §2.2, each with its documented status text. */
export const apiErrors = {
  parameterValidation: (message: string) =>
    new SimulatedApiError(400, 40001, 'ParameterValidation', `Invalid parameters: ${message}`),
  missingParameter: (message: string) =>
    new SimulatedApiError(400, 40002, 'MissingParameter', `Bad request; ${message}`),
  invalidApplicationKey: (key: string) =>
    new SimulatedApiError(400, 40003, 'InvalidRequest', `Invalid Application Key: ${key}`),
  missingLeadingPlus: (number: string) =>
    new SimulatedApiError(400, 40005, 'NumberMissingLeadingPlus', `Phone number missing leading plus sign: ${number}`),
  authorizationHeader: () =>
    new SimulatedApiError(401, 40100, 'AuthorizationHeader', 'Authorization header missing, illegal or invalid'),
  timestampHeader: (detail: string) =>
    new SimulatedApiError(401, 40101, 'TimestampHeader', `X-Timestamp request header invalid or missing: ${detail}`),
  invalidSignature: () => new SimulatedApiError(401, 40102, 'InvalidSignature', 'Request has invalid signature'),
  invalidCredentials: () => new SimulatedApiError(401, 40108, 'InvalidCredentials', 'Credentials provided are invalid'),
  invalidScheme: () => new SimulatedApiError(403, 40301, 'InvalidScheme', 'Invalid authorization scheme'),
  notFound: () => new SimulatedApiError(404, 40400, 'ResourceNotFound', 'Requested resource not found'),
  methodNotAllowed: () => new SimulatedApiError(405, 40500, 'MethodNotAllowed', 'Method not allowed on this resource'),
  payloadTooLarge: (limit: number) =>
    new SimulatedApiError(413, 41300, 'PayloadTooLarge', `The request body is larger than ${limit} bytes`),
  headersTooLarge: () =>
    new SimulatedApiError(431, 43100, 'RequestHeaderFieldsTooLarge', 'The request headers are too large'),
  malformedRequest: () => new SimulatedApiError(400, 40000, 'BadRequest', 'The request is not valid HTTP'),
  requestTimeout: () => new SimulatedApiError(408, 40800, 'RequestTimeout', 'The request did not arrive in time'),
  capacityExceeded: (retryAfterSeconds?: number) =>
    new SimulatedApiError(
      429,
      42900,
      'CapacityExceeded',
      'The number of requests has exceeded capacity',
      retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) },
    ),
  internal: () => new SimulatedApiError(500, 50000, 'InternalError', 'General error; try submitting request again'),
  /** An answer to a write that did take effect: Sinch's own text for a failed update. */
  internalAfterWrite: () =>
    new SimulatedApiError(500, 50000, 'InternalError', 'Unable to update configuration; try submitting request again'),
  temporarilyDown: () => new SimulatedApiError(503, 50300, 'TemporaryDown', 'Service temporarily unavailable'),
} as const;
