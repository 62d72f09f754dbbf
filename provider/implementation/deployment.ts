import { createHash } from 'node:crypto';
import type { SinchConfigurationClient } from '../client';
import { connect, forLastSettings, loadClient, type SinchProviderSettings } from '../configuration';
import { Claims } from './claims';
import type { ProviderContext, Severity } from './context';
import { EngineTraffic } from './engineTraffic';
import { DEFAULT_COALESCING, LiveBindings, type Coalescing } from './liveBindings';

/** A client and the view of the bindings it reads and writes. */
interface Connection {
  client: SinchConfigurationClient;
  bindings: LiveBindings;
}

/** Settings that reach a different project or behave differently get their own connection; the secret is hashed. */
function fingerprint(settings: SinchProviderSettings): string {
  return createHash('sha256')
    .update(JSON.stringify(Object.entries(settings).sort()))
    .digest('hex');
}

/**
 * What one deployment shares between its resources. The engine runs one dynamic-provider process per deployment,
 * so this lives as long as the deployment: two deployments never share a view of the live bindings.
 */
export function deploymentContext(
  settings: () => SinchProviderSettings,
  log: (severity: Severity, message: string) => void,
  coalescing: Coalescing = DEFAULT_COALESCING,
): ProviderContext {
  const connections = new Map<string, Connection>();
  const traffic = new EngineTraffic();
  const connection = forLastSettings((current): Connection => {
    const key = fingerprint(current);
    let found = connections.get(key);
    if (!found) {
      const client = connect(current);
      // Its requests will need the HTTP stack: loaded now, while the engine's other operations are still arriving
      // (and gather for a shared call), rather than once that call is sent (a refresh's list call waited for it).
      loadClient().loadHttpStack();
      found = { client, bindings: new LiveBindings(client, coalescing, traffic) };
      connections.set(key, found);
    }
    return found;
  });
  return {
    settings,
    client: () => connection(settings()).client,
    bindings: () => connection(settings()).bindings,
    info: (message) => log('info', message),
    warn: (message) => log('warning', message),
    claims: new Claims(),
    traffic,
  };
}
