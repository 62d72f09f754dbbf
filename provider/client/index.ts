export { SinchConfigurationClient, DEFAULT_BASE_URL, MAX_NUMBERS_PER_ASSIGN } from './client';
export {
  isCredentialRefusal,
  isRefusal,
  isTransient,
  isUnknownApplication,
  SinchApiError,
  SinchArgumentError,
  SinchConnectionError,
  TRANSIENT_STATUSES,
  type AttemptsMade,
  type OperationName,
} from './errors';
export { DEFAULT_RETRY_BUDGET, retryAfterMs, type RetryBudget } from './retryPolicy';
export {
  checkApplicationKey,
  checkApplicationSecret,
  checkAuthScheme,
  checkBoolean,
  checkCapability,
  checkNumber,
  checkWholeNumber,
} from './arguments';
export type { Checked } from './checked';
export { describeValue, quoting, type Quote } from './quoting';
export { checkBaseUrl, checkCallbackUrl, MAX_URL_LENGTH } from './urls';
export {
  applicationAuthorization,
  basicAuthorization,
  contentMd5,
  isBase64Secret,
  signature,
  stringToSign,
  type SignableRequest,
} from './signing';
export * from './types';
