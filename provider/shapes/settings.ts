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

/** What every text setting's description ends with. */
const TEXT = ' Text (a number, boolean, list or object is refused); absent, `null` or empty means unset.';
/** What a whole-number setting's description ends with: the digits of its largest value bound any padding. */
const wholeNumber = (minimum: number, maximum: number) =>
  ` A whole number from ${minimum} to ${maximum}: at most ${String(maximum).length} ASCII decimal digits (or a number), with no sign or spaces; absent, \`null\` or empty means unset.`;

export const SETTINGS = {
  applicationKey: {
    key: 'sinch:applicationKey',
    environment: 'SINCH_APPLICATION_KEY',
    type: 'string',
    description:
      'The Voice application whose credentials sign requests; also the default `applicationKey` of both resources. A UUID with or without dashes, in any case, used in the dashed lower-case form Sinch issues.' +
      TEXT,
  },
  applicationSecret: {
    key: 'sinch:applicationSecret',
    environment: 'SINCH_APPLICATION_SECRET',
    type: 'string',
    secret: true,
    description:
      "The application's secret, as the Sinch dashboard shows it, at most 1024 characters: for `signed`, standard padded base64; for `basic`, any text without spaces, control or invisible characters. Set it with `pulumi config set --secret`; no error shows it." +
      TEXT,
  },
  baseUrl: {
    key: 'sinch:baseUrl',
    environment: 'SINCH_BASE_URL',
    type: 'string',
    default: 'https://callingapi.sinch.com',
    description:
      "The API's address; the simulator's URL for tests. Sent as written, with the rules of a callback URL (plain `http` only to `localhost`, `127.0.0.0/8` or `[::1]`) and no query; a path prefix is kept." +
      TEXT,
  },
  auth: {
    key: 'sinch:auth',
    environment: 'SINCH_AUTH',
    type: 'string',
    default: 'signed',
    enum: ['signed', 'basic'],
    description:
      'How requests are authenticated: exactly `signed` (HMAC-signed "Application" scheme) or `basic`.' + TEXT,
  },
  operationTimeout: {
    key: 'sinch:operationTimeout',
    environment: 'SINCH_OPERATION_TIMEOUT',
    type: 'integer',
    default: '60',
    description: 'Seconds one API operation may take, retries and `Retry-After` waits included.' + wholeNumber(1, 3600),
  },
  maxRetries: {
    key: 'sinch:maxRetries',
    environment: 'SINCH_MAX_RETRIES',
    type: 'integer',
    default: '8',
    description: 'Retries of one API request after a transient failure.' + wholeNumber(0, 100),
  },
} as const satisfies Record<string, SettingShape>;

export type SettingName = keyof typeof SETTINGS;
