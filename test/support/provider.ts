import type { AuthScheme } from '../../provider';
import { connect, type SinchProviderSettings } from '../../provider/configuration';
import { Claims, type ProviderContext } from '../../provider/implementation';
import type { RunningSimulator, SimulatedApplication } from '../../simulator';
import { APP_A } from './fixtures';

export interface TestContext extends ProviderContext {
  logs: string[];
}

/** A provider context whose credentials are the given application's, against the simulator. */
export function testContext(
  simulator: RunningSimulator,
  auth: AuthScheme,
  application: SimulatedApplication = APP_A,
  extra: Pick<SinchProviderSettings, 'maxRetries' | 'operationTimeout'> = {},
): TestContext {
  const logs: string[] = [];
  const settings: SinchProviderSettings = { applicationKey: application.key, applicationSecret: application.secret, baseUrl: simulator.url, auth, ...extra };
  return {
    logs,
    settings: () => settings,
    client: () => connect(settings),
    log: (message) => logs.push(message),
    claims: new Claims(),
  };
}

/** Pulumi adds this to every input and output of a dynamic resource; providers must ignore it. */
export const SERIALIZED_PROVIDER = { __provider: 'exports.handler = __f0; /* stands for the serialized shim */' };
