import type { SinchConfigurationClient } from './client';
import { checkApplicationKey, checkApplicationSecret, checkAuthScheme, checkWholeNumber } from './client/arguments';
import { refuse, type Checked } from './client/checked';
import { HOLDS_SECRET, quoting, revealsSecret, safeText, type Quote } from './client/quoting';
import type { AuthScheme } from './client/types';
import { checkBaseUrl } from './client/urls';
import { SETTINGS, type SettingName } from './shapes/settings';

/**
 * Provider settings as they are given, by the names of provider/shapes/settings.ts: stack configuration and the
 * environment give text; a provider's inputs (an explicit provider, a YAML program) may give any value, which the
 * parsers then judge. Absent, `null` and empty mean unset.
 */
export type SinchProviderSettings = Partial<Record<SettingName, unknown>>;

/** The settings as they are used: each parsed by the one parser of its kind, the key in the form Sinch issues it. */
export interface ParsedSettings {
  applicationKey?: string;
  applicationSecret?: string;
  baseUrl?: string;
  auth: AuthScheme;
  operationTimeout?: number;
  maxRetries?: number;
}

/** A setting that cannot work: the setting, and a reason that begins with its configuration key. */
export interface SettingFailure {
  setting: SettingName;
  reason: string;
}

const eachSetting = <T>(value: (setting: (typeof SETTINGS)[SettingName]) => T) =>
  Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, value(setting)])) as Readonly<
    Record<SettingName, T>
  >;

/** Stack configuration keys (`pulumi config set --secret sinch:applicationSecret …`). */
export const CONFIG_KEYS = eachSetting((setting) => setting.key);

/** Environment variables each setting falls back to. */
export const ENVIRONMENT_VARIABLES = eachSetting((setting) => setting.environment);

/**
 * Reads each setting from stack configuration (or a provider's inputs) first, then from the environment; unset
 * (absent, `null` or empty) falls through. A value is kept as it is given, for parseSettings to judge.
 */
export function resolveSettings(
  config: (key: string) => unknown,
  environment: NodeJS.ProcessEnv,
): SinchProviderSettings {
  const settings: SinchProviderSettings = {};
  for (const name of Object.keys(CONFIG_KEYS) as SettingName[]) {
    const given = config(CONFIG_KEYS[name]);
    const value = isUnset(given) ? environment[ENVIRONMENT_VARIABLES[name]] : given;
    if (!isUnset(value)) settings[name] = value;
  }
  return settings;
}

/** The parser of each setting's kind; the secret's reasons never show a value, whatever the quote. */
const PARSERS = {
  applicationKey: checkApplicationKey,
  applicationSecret: (value: unknown, _quote: Quote, auth: AuthScheme) => checkApplicationSecret(value, auth),
  baseUrl: checkBaseUrl,
  auth: checkAuthScheme,
  operationTimeout: checkWholeNumber(1, 3600),
  maxRetries: checkWholeNumber(0, 100),
} satisfies Record<SettingName, (value: unknown, quote: Quote, auth: AuthScheme) => Checked<unknown>>;

/** The secret as given, to keep it out of every reason: whatever its kind, only text can be shown. */
export const secretOf = (given: SinchProviderSettings): string | undefined =>
  typeof given.applicationSecret === 'string' ? given.applicationSecret : undefined;

/** Unset: absent, `null`, or empty text. */
export const isUnset = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Settings parsed: each usable one, and a failure for each that cannot work. Shared by every caller, so frozen. */
export type ParsedResult = Readonly<{ settings: Readonly<ParsedSettings>; failures: readonly SettingFailure[] }>;

/** Whether two settings give every setting the same value (one that is not text, only when it is the same object). */
function sameSettings(a: SinchProviderSettings, b: SinchProviderSettings): boolean {
  return (Object.keys(SETTINGS) as SettingName[]).every((name) => a[name] === b[name]);
}

/**
 * `compute`, answered from memory while the settings are the same as the last ones it was given. A deployment's
 * settings stay the same through it, and what is derived from them was paid on every request: judging them at every
 * check (the base URL above all) and hashing them to find the connection were the largest part of the plugin's own
 * work in a profile of a `preview` of 500 bindings, about 54 and 11 ms.
 */
export function forLastSettings<T>(compute: (given: SinchProviderSettings) => T): (given: SinchProviderSettings) => T {
  let last: { given: SinchProviderSettings; value: T } | undefined;
  return (given) => {
    if (last !== undefined && sameSettings(last.given, given)) return last.value;
    const value = compute(given);
    last = { given: { ...given }, value };
    return value;
  };
}

/**
 * Every given setting parsed, and a failure for each that cannot work, naming its key; missing credentials are
 * missingCredentials' to name. Reasons never show the secret, nor anything that holds it.
 */
export const parseSettings: (given: SinchProviderSettings) => ParsedResult = forLastSettings(judgedSettings);

function judgedSettings(given: SinchProviderSettings): ParsedResult {
  const secret = secretOf(given);
  const quote = quoting([secret]);
  const scheme = isUnset(given.auth) ? undefined : PARSERS.auth(given.auth, quote);
  // The secret is judged for the scheme given, or for signed requests (the default) when that is refused.
  const auth = scheme?.ok ? scheme.value : 'signed';
  const parsed: Partial<Record<SettingName, unknown>> = {};
  const failures: SettingFailure[] = [];
  for (const name of Object.keys(PARSERS) as SettingName[]) {
    const value = given[name];
    if (isUnset(value)) continue;
    // Only the secret itself may hold the secret: anywhere else it would be shown, stored or sent in plain text.
    const checked =
      name !== 'applicationSecret' && typeof value === 'string' && revealsSecret(value, [secret])
        ? refuse(HOLDS_SECRET)
        : PARSERS[name](value, quote, auth);
    if (checked.ok) parsed[name] = checked.value;
    else failures.push({ setting: name, reason: safeText(`${CONFIG_KEYS[name]} ${checked.reason}`, [secret]) });
  }
  return Object.freeze({
    settings: Object.freeze({ ...parsed, auth } as ParsedSettings),
    failures: Object.freeze(failures.map((failure) => Object.freeze(failure))),
  });
}

const CREDENTIALS = ['applicationKey', 'applicationSecret'] as const;

/** A failure for each credential that is not given. */
export function missingCredentials(given: SinchProviderSettings): SettingFailure[] {
  return CREDENTIALS.filter((name) => isUnset(given[name])).map((name) => ({
    setting: name,
    reason: `${CONFIG_KEYS[name]} (or ${ENVIRONMENT_VARIABLES[name]}) is not set`,
  }));
}

/** A problem with the provider's configuration: raised before any API call, and never holding a secret. */
export class SinchConfigurationError extends Error {
  override readonly name = 'SinchConfigurationError';

  /** Each setting that cannot work. */
  readonly failures: readonly SettingFailure[];

  constructor(message: string, failures: readonly SettingFailure[] = []) {
    super(message);
    this.failures = failures;
  }
}

/** One error naming every missing credential (and how to set them) and every setting that cannot work. */
export function configurationError(
  missing: readonly SettingFailure[],
  bad: readonly SettingFailure[],
): SinchConfigurationError {
  const parts = [
    ...(missing.length === 0
      ? []
      : [
          `Sinch credentials are incomplete: ${missing.map((failure) => failure.reason).join('; ')}. Set them with ` +
            '`pulumi config set sinch:applicationKey <key>` and `pulumi config set --secret sinch:applicationSecret <secret>`, ' +
            'or through the environment variables.',
        ]),
    ...bad.map((failure) => failure.reason),
  ];
  // Copies: the error is the caller's to keep, and parseSettings shares its failures with every later caller.
  return new SinchConfigurationError(
    parts.join('; '),
    [...missing, ...bad].map((failure) => ({ ...failure })),
  );
}

/**
 * The given settings parsed, or the configuration error that names each one that cannot work; missing credentials
 * are not judged (check needs none; connect names them). What `check` calls, so that a preview already fails.
 */
export function givenSettings(given: SinchProviderSettings): Readonly<ParsedSettings> {
  const { settings, failures } = parseSettings(given);
  if (failures.length > 0) throw configurationError([], failures);
  return settings;
}

/** The settings parsed, or the configuration error that names every setting that cannot work. */
export function usableSettings(given: SinchProviderSettings): Readonly<ParsedSettings> {
  const { settings, failures } = parseSettings(given);
  const missing = missingCredentials(given);
  if (missing.length > 0 || failures.length > 0) throw configurationError(missing, failures);
  return settings;
}

/**
 * The client's module, loaded when the first client is made. The HTTP stack it sends with (axios, the answer schemas),
 * most of what the provider loads, waits for the provider's first connection (implementation/deployment.ts) or a check
 * or diff that announces a write (implementation/runtime.ts): a program that declares resources, and a preview that
 * plans no write, never load it.
 */
export function loadClient(): typeof import('./client/client') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require('./client/client') as typeof import('./client/client');
}

/** The client for these settings, or the configuration error before any API call. */
export function connect(given: SinchProviderSettings): SinchConfigurationClient {
  const settings = usableSettings(given);
  const { SinchConfigurationClient: Client } = loadClient();
  return new Client({
    applicationKey: settings.applicationKey as string,
    applicationSecret: settings.applicationSecret as string,
    baseUrl: settings.baseUrl,
    auth: settings.auth,
    operationTimeoutMs: settings.operationTimeout === undefined ? undefined : settings.operationTimeout * 1000,
    maxRetries: settings.maxRetries,
  });
}
