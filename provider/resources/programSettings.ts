import * as pulumi from '@pulumi/pulumi';
import { resolveSettings, type SinchProviderSettings } from '../configuration';

/** Settings as the running program sees them: its stack configuration first, then its environment. */
export function programSettings(): SinchProviderSettings {
  return resolveSettings((key) => pulumi.runtime.getConfig(key), process.env);
}
