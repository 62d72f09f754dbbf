/**
 * One provider instance: the engine starts a plugin process per instance (the default provider, each explicit
 * `pulumi:providers:sinch`), configures it once, then sends it that instance's operations. So the process holds one
 * runtime, with the settings Configure gave: its own credentials, its own view of the bindings, its own claims.
 */
import { cutSecrets } from '../client/quoting';
import type { SinchProviderSettings } from '../configuration';
import type { PropertyValues } from '../implementation/requests';
import type { EngineLog } from './engineLog';
import type { Runtime } from './implementation';
import { implementation } from './lazy';

export class ProviderInstance {
  private settings: SinchProviderSettings | undefined;
  private made: Runtime | undefined;

  constructor(
    private readonly environment: NodeJS.ProcessEnv,
    private readonly log: EngineLog,
  ) {}

  /** Configure's inputs, secrets unwrapped; the environment fills what they leave out. */
  configure(inputs: PropertyValues): void {
    this.settings = implementation().settingsOf(inputs, this.environment);
  }

  /** Before Configure (the engine always sends it first), the environment alone. */
  private current(): SinchProviderSettings {
    this.settings ??= implementation().settingsOf({}, this.environment);
    return this.settings;
  }

  get runtime(): Runtime {
    this.made ??= implementation().createRuntime({
      settings: () => this.current(),
      // The same words as the dynamic resources print, under the resource the line is about.
      log: (severity, message, urn) => this.log.write(severity, `pulumi-sinch-voice: ${message}`, urn),
    });
    return this.made;
  }

  /** The text with this instance's secret cut out: a last guard on what leaves the process in an error. */
  redact(text: string): string {
    const secret = this.settings?.applicationSecret;
    return cutSecrets(text, [typeof secret === 'string' ? secret : undefined]);
  }
}
