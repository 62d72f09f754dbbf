import { SinchConfigurationClient } from './client';
import { AUTH_SCHEMES, type AuthScheme } from './client/types';

/** Provider settings as stack configuration names them. */
export interface SinchProviderSettings {
  applicationKey?: string;
  applicationSecret?: string;
  baseUrl?: string;
  auth?: string;
}

type SettingName = keyof SinchProviderSettings;

/** Stack configuration keys (`pulumi config set --secret sinch:applicationSecret …`). */
export const CONFIG_KEYS: Readonly<Record<SettingName, string>> = {
  applicationKey: 'sinch:applicationKey',
  applicationSecret: 'sinch:applicationSecret',
  baseUrl: 'sinch:baseUrl',
  auth: 'sinch:auth',
};

/** Environment variables each setting falls back to. */
export const ENVIRONMENT_VARIABLES: Readonly<Record<SettingName, string>> = {
  applicationKey: 'SINCH_APPLICATION_KEY',
  applicationSecret: 'SINCH_APPLICATION_SECRET',
  baseUrl: 'SINCH_BASE_URL',
  auth: 'SINCH_AUTH',
};

/** Reads each setting from stack configuration first, then from the environment. Empty values count as unset. */
export function resolveSettings(config: (key: string) => string | undefined, environment: NodeJS.ProcessEnv): SinchProviderSettings {
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

/** The client for these settings, or one error that names everything missing or wrong. */
export function connect(settings: SinchProviderSettings): SinchConfigurationClient {
  const problems: string[] = [];
  for (const name of ['applicationKey', 'applicationSecret'] as const) {
    if (!settings[name]) problems.push(`${CONFIG_KEYS[name]} (or ${ENVIRONMENT_VARIABLES[name]}) is not set`);
  }
  if (settings.auth !== undefined && !(AUTH_SCHEMES as readonly string[]).includes(settings.auth)) {
    problems.push(`${CONFIG_KEYS.auth} must be one of ${AUTH_SCHEMES.join(', ')}; got "${settings.auth}"`);
  }
  if (problems.length > 0) {
    throw new SinchConfigurationError(
      `Sinch credentials are incomplete: ${problems.join('; ')}. Set them with ` +
        '`pulumi config set sinch:applicationKey <key>` and `pulumi config set --secret sinch:applicationSecret <secret>`, ' +
        'or through the environment variables.',
    );
  }
  try {
    return new SinchConfigurationClient({
      applicationKey: settings.applicationKey as string,
      applicationSecret: settings.applicationSecret as string,
      baseUrl: settings.baseUrl,
      auth: settings.auth as AuthScheme | undefined,
    });
  } catch (error) {
    // The client's messages name the option and never the secret; say which configuration key it came from.
    throw new SinchConfigurationError(`${(error as Error).message.replace(/^SinchConfigurationClient: /, 'Sinch provider configuration: ')}`);
  }
}
