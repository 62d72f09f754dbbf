/**
 * The provider's configuration as the engine gives it: Configure's `args` and CheckConfig's `news` hold the
 * provider's inputs (`applicationKey`, `applicationSecret`, …: stack configuration `sinch:*` for the default provider,
 * the properties of an explicit `pulumi:providers:sinch`). The engine applies no `defaultInfo.environment` for
 * native providers, so the environment variables are applied here, after the inputs, as for the dynamic resources.
 */
import {
  missingCredentials,
  parseSettings,
  resolveSettings,
  secretOf,
  type SinchProviderSettings,
} from '../configuration';
import type { CheckFailure, PropertyValues } from '../implementation/requests';
import { SETTINGS, type SettingName } from '../shapes/settings';
import { failureOf, UNKNOWN } from '../validation';

const NAMES = Object.keys(SETTINGS) as SettingName[];
const PREFIX = 'sinch:';

/** The settings from the provider's inputs first, then the environment; absent, null and empty count as unset. */
export function settingsOf(inputs: PropertyValues, environment: NodeJS.ProcessEnv): SinchProviderSettings {
  return resolveSettings((key) => (key.startsWith(PREFIX) ? inputs[key.slice(PREFIX.length)] : undefined), environment);
}

/**
 * CheckConfig: a failure naming each setting that cannot work, before any API call; values not known yet (at
 * preview) are not judged. The reasons are those `connect` gives when an operation runs, so both agree, and none
 * shows the secret.
 */
export function checkSettings(inputs: PropertyValues, environment: NodeJS.ProcessEnv): CheckFailure[] {
  const unknown = new Set(NAMES.filter((name) => inputs[name] === UNKNOWN));
  const settings = settingsOf(inputs, environment);
  for (const name of unknown) delete settings[name];
  // A scheme not known yet: the secret is judged as Basic takes it (any text), the laxer of the two.
  const judged = unknown.has('auth') ? { ...settings, auth: 'basic' } : settings;
  // Said in the provider's terms: an explicit provider gives the credential as its own property.
  const missing: CheckFailure[] = missingCredentials(settings)
    .filter(({ setting }) => !unknown.has(setting))
    .map(({ setting }) => ({
      property: setting,
      reason: `${SETTINGS[setting].key} is not set: give the provider ${setting}, or set it with \`pulumi config set ${'secret' in SETTINGS[setting] ? '--secret ' : ''}${SETTINGS[setting].key} …\` or ${SETTINGS[setting].environment}`,
    }));
  const secret = secretOf(settings);
  const bad = parseSettings(judged).failures.map(({ setting, reason }) =>
    failureOf(setting, settings[setting], reason, [secret], SETTINGS[setting].key),
  );
  return [...missing, ...bad];
}
