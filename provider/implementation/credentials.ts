import { isCredentialRefusal } from '../client/errors';
import { CONFIG_KEYS, ENVIRONMENT_VARIABLES, type SinchProviderSettings } from '../configuration';

/** A 401 from Sinch, said in the provider's terms: which settings to check, and the clock for signed requests. */
export class SinchCredentialsRefused extends Error {
  override readonly name = 'SinchCredentialsRefused';
}

/**
 * The error to show for `error`: a refusal of the credentials becomes a message that names the settings to check
 * (Sinch's own words alone, "Request has invalid signature", do not say what to do). Never holds the secret.
 */
export function explainCredentials(error: unknown, settings: SinchProviderSettings): unknown {
  if (!isCredentialRefusal(error)) return error;
  const signed = (settings.auth ?? 'signed') === 'signed';
  return new SinchCredentialsRefused(
    `Sinch refused the credentials of application ${settings.applicationKey ?? '(none)'}: ${error.message}. ` +
      `Check ${CONFIG_KEYS.applicationKey} and ${CONFIG_KEYS.applicationSecret} (or ${ENVIRONMENT_VARIABLES.applicationKey} and ` +
      `${ENVIRONMENT_VARIABLES.applicationSecret}): the key of a Voice application and its secret, as the Sinch dashboard shows them.` +
      (signed
        ? ' Signed requests also fail when the clock of this machine is off by more than a few minutes (clock skew): check it too.'
        : ''),
  );
}
