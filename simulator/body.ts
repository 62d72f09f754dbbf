import { apiErrors } from './errors';

export type JsonObject = Record<string, unknown>;

/** Parses a JSON object body and folds its keys to lower case: the service binds fields case-insensitively. */
export function parseObjectBody(body: Buffer): JsonObject {
  if (body.length === 0) throw apiErrors.missingParameter('request data missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw apiErrors.parameterValidation('the body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw apiErrors.parameterValidation('the body must be a JSON object');
  }
  return foldKeys(parsed as JsonObject);
}

export function foldKeys(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key.toLowerCase(), value]));
}

/** An optional string field; absent, null and "" all mean "not given". */
export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw apiErrors.parameterValidation(`${field} must be a string`);
  return value;
}
