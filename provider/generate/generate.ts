import { connect, type SinchProviderSettings } from '../configuration';
import { render, type Format, type Rendered } from './formats';
import { readLiveConfiguration } from './reading';

/**
 * What exists, read with these settings, in one of generate's formats: the configuration errors of the provider
 * (missing credentials, a bad secret or base URL) before any API call, then the client's errors, which never hold the
 * secret.
 */
export async function generateAs(format: Format, settings: SinchProviderSettings): Promise<Rendered> {
  const client = connect(settings);
  // connect() refused settings without an application key, so the configured application is known here.
  const live = await readLiveConfiguration(client, settings.applicationKey as string);
  return render(format, live);
}

/** TypeScript declarations for what exists (the default format). */
export async function generateDeclarations(settings: SinchProviderSettings): Promise<string> {
  return (await generateAs('typescript', settings)).text;
}
