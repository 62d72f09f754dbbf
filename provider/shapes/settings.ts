/** The provider's settings: stack configuration `sinch:<name>`, or the environment variable, each declared once. */
export interface SettingShape {
  /** The stack configuration key. */
  readonly key: string;
  /** The environment variable the setting falls back to. */
  readonly environment: string;
  readonly description: string;
  /** As the schema and SDKs type it; stack configuration always holds text. */
  readonly type: 'string' | 'integer';
  readonly secret?: boolean;
  /** The value when neither gives one (as configuration holds it: text). */
  readonly default?: string;
  readonly enum?: readonly string[];
}

export const SETTINGS = {
  applicationKey: {
    key: 'sinch:applicationKey',
    environment: 'SINCH_APPLICATION_KEY',
    type: 'string',
    description:
      'The Voice application whose credentials sign requests; also the default `applicationKey` of both resources.',
  },
  applicationSecret: {
    key: 'sinch:applicationSecret',
    environment: 'SINCH_APPLICATION_SECRET',
    type: 'string',
    secret: true,
    description:
      "The application's secret, base64 as the Sinch dashboard shows it. Set it with `pulumi config set --secret`.",
  },
  baseUrl: {
    key: 'sinch:baseUrl',
    environment: 'SINCH_BASE_URL',
    type: 'string',
    default: 'https://callingapi.sinch.com',
    description: "The API's address; the simulator's URL for tests. Plain `http` only to this machine.",
  },
  auth: {
    key: 'sinch:auth',
    environment: 'SINCH_AUTH',
    type: 'string',
    default: 'signed',
    enum: ['signed', 'basic'],
    description: 'How requests are authenticated: `signed` (HMAC-signed "Application" scheme) or `basic`.',
  },
  operationTimeout: {
    key: 'sinch:operationTimeout',
    environment: 'SINCH_OPERATION_TIMEOUT',
    type: 'integer',
    default: '60',
    description: 'Seconds one API operation may take, retries and `Retry-After` waits included (1 to 3600).',
  },
  maxRetries: {
    key: 'sinch:maxRetries',
    environment: 'SINCH_MAX_RETRIES',
    type: 'integer',
    default: '8',
    description: 'Retries of one API request after a transient failure (0 to 100).',
  },
} as const satisfies Record<string, SettingShape>;

export type SettingName = keyof typeof SETTINGS;
