export { SinchConfigurationClient, DEFAULT_BASE_URL, MAX_NUMBERS_PER_ASSIGN } from './client';
export { SinchApiError, SinchConnectionError, type OperationName } from './errors';
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
