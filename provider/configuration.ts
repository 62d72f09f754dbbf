import type { SinchConfigurationClient } from './client';
import type { AuthScheme } from './client/types';
import { SETTINGS, type SettingName } from './shapes/settings';

/** Provider settings as stack configuration names them, as text (provider/shapes/settings.ts declares each). */
export type SinchProviderSettings = Partial<Record<SettingName, string>>;

const settingsOf = <T>(value: (setting: (typeof SETTINGS)[SettingName]) => T) =>
  Object.fromEntries(Object.entries(SETTINGS).map(([name, setting]) => [name, value(setting)])) as Readonly<
    Record<SettingName, T>
  >;

/** Stack configuration keys (`pulumi config set --secret sinch:applicationSecret …`). */
export const CONFIG_KEYS = settingsOf((setting) => setting.key);

/** Environment variables each setting falls back to. */
export const ENVIRONMENT_VARIABLES = settingsOf((setting) => setting.environment);

/** Reads each setting from stack configuration first, then from the environment. Empty values count as unset. */
export function resolveSettings(
  config: (key: string) => string | undefined,
  environment: NodeJS.ProcessEnv,
): SinchProviderSettings {
  const settings: SinchProviderSettings = {};
  for (const name of Object.keys(CONFIG_KEYS) as SettingName[]) {
    const value = config(CONFIG_KEYS[name]) || environment[ENVIRONMENT_VARIABLES[name]] || undefined;
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

/** A problem with the provider's configuration: raised before any API call, and never holding a secret. */
export class SinchConfigurationError extends Error {
  override readonly name = 'SinchConfigurationError';
}

/** Names every missing credential and how to set it; the client itself checks the rest of the settings. */
function requireCredentials(settings: SinchProviderSettings): void {
  const missing = (['applicationKey', 'applicationSecret'] as const)
    .filter((name) => !settings[name])
    .map((name) => `${CONFIG_KEYS[name]} (or ${ENVIRONMENT_VARIABLES[name]}) is not set`);
  if (missing.length > 0) {
    throw new SinchConfigurationError(
      `Sinch credentials are incomplete: ${missing.join('; ')}. Set them with ` +
        '`pulumi config set sinch:applicationKey <key>` and `pulumi config set --secret sinch:applicationSecret <secret>`, ' +
        'or through the environment variables.',
    );
  }
}

/** A whole number from the configuration, or the error that names its key. */
function wholeNumber(
  settings: SinchProviderSettings,
  name: 'operationTimeout' | 'maxRetries',
  minimum: number,
  maximum: number,
): number | undefined {
  const text = settings[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < minimum || value > maximum) {
    throw new SinchConfigurationError(
      `${CONFIG_KEYS[name]} must be a whole number from ${minimum} to ${maximum}; got "${text.slice(0, 20)}"`,
    );
  }
  return value;
}

/** The client for these settings, or the configuration error before any API call. */
export function connect(settings: SinchProviderSettings): SinchConfigurationClient {
  requireCredentials(settings);
  const operationTimeout = wholeNumber(settings, 'operationTimeout', 1, 3600);
  const maxRetries = wholeNumber(settings, 'maxRetries', 0, 100);
  // Loaded when the first client is made: the HTTP stack (axios, the answer schemas) is most of what the provider
  // loads, and a preview, which never calls the API, is spared it in every plugin process the engine starts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first client, see above
  const { SinchConfigurationClient: Client } = require('./client/client') as typeof import('./client/client');
  try {
    return new Client({
      applicationKey: settings.applicationKey as string,
      applicationSecret: settings.applicationSecret as string,
      baseUrl: settings.baseUrl,
      auth: settings.auth as AuthScheme | undefined,
      operationTimeoutMs: operationTimeout === undefined ? undefined : operationTimeout * 1000,
      maxRetries,
    });
  } catch (error) {
    // The client's messages name the option and never the secret; name the configuration key instead.
    const message = (error as Error).message.replace(/^SinchConfigurationClient: (\w+)/, (_match, option: string) =>
      option in CONFIG_KEYS ? CONFIG_KEYS[option as SettingName] : option,
    );
    throw new SinchConfigurationError(message);
  }
}
