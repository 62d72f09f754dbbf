import type { AuthScheme } from '../../provider';
import type { SinchProviderSettings } from '../../provider/configuration';
import { deploymentContext, type Coalescing, type ProviderContext } from '../../provider/implementation';
import type { RunningSimulator, SimulatedApplication } from '../../simulator';
import { APP_A } from './fixtures';

export interface TestContext extends ProviderContext {
  /** Every line, of either severity. */
  logs: string[];
  /** The lines of severity warning alone. */
  warnings: string[];
}

/** A provider context (one deployment) whose credentials are the given application's, against the simulator. */
export function testContext(
  simulator: RunningSimulator,
  auth: AuthScheme,
  application: SimulatedApplication = APP_A,
  extra: Pick<SinchProviderSettings, 'maxRetries' | 'operationTimeout'> = {},
  coalescing?: Coalescing,
): TestContext {
  const logs: string[] = [];
  const warnings: string[] = [];
  const settings: SinchProviderSettings = {
    applicationKey: application.key,
    applicationSecret: application.secret,
    baseUrl: simulator.url,
    auth,
    ...extra,
  };
  return {
    logs,
    warnings,
    ...deploymentContext(
      () => settings,
      (severity, message) => {
        logs.push(message);
        if (severity === 'warning') warnings.push(message);
      },
      coalescing,
    ),
  };
}

/** Pulumi adds this to every input and output of a dynamic resource; providers must ignore it. */
export const SERIALIZED_PROVIDER = { __provider: 'exports.handler = __f0; /* stands for the serialized shim */' };
