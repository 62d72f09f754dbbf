import { connect, type SinchProviderSettings } from '../configuration';
import { readLiveConfiguration } from './reading';
import { renderDeclarations } from './rendering';

/**
 * Declarations for what exists, read with these settings: the configuration errors of the provider (missing
 * credentials, a bad secret or base URL) before any API call, then the client's errors, which never hold the secret.
 */
export async function generateDeclarations(settings: SinchProviderSettings): Promise<string> {
  const client = connect(settings);
  // connect() refused settings without an application key, so the configured application is known here.
  const live = await readLiveConfiguration(client, settings.applicationKey as string);
  return renderDeclarations(live);
}
