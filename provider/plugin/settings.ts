/**
 * The provider's configuration as the engine gives it: Configure's `args` and CheckConfig's `news` hold the
 * provider's inputs (`applicationKey`, `applicationSecret`, …: stack configuration `sinch:*` for the default provider,
 * the properties of an explicit `pulumi:providers:sinch`). The engine applies no `defaultInfo.environment` for
 * native providers, so the environment variables are applied here, after the inputs, as for the dynamic resources.
 */
import { connect, resolveSettings, SinchConfigurationError, type SinchProviderSettings } from '../configuration';
import type { CheckFailure, PropertyValues } from '../implementation/requests';
import { SETTINGS, type SettingName, type SettingShape } from '../shapes/settings';
import { UNKNOWN } from '../validation';

const NAMES = Object.keys(SETTINGS) as SettingName[];
const PREFIX = 'sinch:';

/** Each input as configuration text: schema integers (`operationTimeout: 30` in YAML) arrive as numbers. */
function inputText(inputs: PropertyValues, name: SettingName): string | undefined {
  const value = inputs[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

/** The settings from the provider's inputs first, then the environment; empty counts as unset. */
export function settingsOf(inputs: PropertyValues, environment: NodeJS.ProcessEnv): SinchProviderSettings {
  const byKey = (key: string) =>
    key.startsWith(PREFIX) ? inputText(inputs, key.slice(PREFIX.length) as SettingName) : undefined;
  return resolveSettings(byKey, environment);
}

/** Stands in for a credential while the other settings are checked: one that is unknown yet, missing or refused. */
const STAND_IN: Pick<SinchProviderSettings, 'applicationKey' | 'applicationSecret'> = {
  applicationKey: '00000000-0000-4000-8000-000000000000',
  applicationSecret: 'c3RhbmQtaW4=',
};

/** The setting a configuration error is about: the first `sinch:<name>` it names. */
function settingNamed(message: string): SettingName | undefined {
  for (const [, name] of message.matchAll(/sinch:(\w+)/g))
    if ((NAMES as string[]).includes(name as string)) return name as SettingName;
  return undefined;
}

const CREDENTIALS = ['applicationKey', 'applicationSecret'] as const;

/**
 * CheckConfig: a failure naming each setting that cannot work, before any API call; values not known yet (at
 * preview) are not judged. The reasons come from the checks `connect` makes when an operation runs, so both agree;
 * none of them repeats the secret, and any that did would have it cut out.
 */
export function checkSettings(inputs: PropertyValues, environment: NodeJS.ProcessEnv): CheckFailure[] {
  const unknown = new Set(NAMES.filter((name) => inputs[name] === UNKNOWN));
  const settings: SinchProviderSettings = settingsOf(inputs, environment);
  for (const name of unknown) delete settings[name];
  const failures: CheckFailure[] = [];
  for (const name of CREDENTIALS) {
    if (settings[name] !== undefined || unknown.has(name)) continue;
    const setting: SettingShape = SETTINGS[name];
    failures.push({
      property: name,
      reason: `${setting.key} is not set: give the provider ${name}, or set it with \`pulumi config set ${setting.secret ? '--secret ' : ''}${setting.key} …\` or ${setting.environment}`,
    });
  }
  // One error at a time, as connect raises them: each one found is set aside (a stand-in, or the default) and the
  // rest checked again, so that every bad setting is named at once.
  const trial: SinchProviderSettings = { ...settings };
  for (const name of CREDENTIALS) trial[name] ??= STAND_IN[name];
  for (let round = 0; round <= NAMES.length; round += 1) {
    try {
      connect(trial);
      break;
    } catch (error) {
      if (!(error instanceof SinchConfigurationError)) throw error;
      const name = settingNamed(error.message);
      failures.push({ property: name ?? '', reason: withoutSecret(error.message, settings.applicationSecret) });
      if (name === undefined) break;
      if (name === 'applicationKey' || name === 'applicationSecret') trial[name] = STAND_IN[name];
      else delete trial[name];
    }
  }
  return failures;
}

function withoutSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[secret]') : text;
}
