/**
 * The top-level stack: Sinch Voice bindings and callbacks declared in stack configuration.
 *
 *   sinch-voice:numbers    [{ "number": "+12012222222", "applicationKey": "…", "capability": "voice", "allowReassign": false }]
 *   sinch-voice:callbacks  [{ "applicationKey": "…", "primary": "https://…", "fallback": "https://…" }]
 *
 * plus the provider's own sinch:applicationKey, sinch:applicationSecret (secret), sinch:baseUrl and sinch:auth.
 * `npm run demo` runs it against the simulator; the README shows it against the real API.
 */
import * as pulumi from '@pulumi/pulumi';
import { ApplicationCallbacks, NumberAssignment, type ApplicationCallbacksArgs, type NumberAssignmentArgs } from './provider';

interface DeclaredNumber extends NumberAssignmentArgs {
  /** The Pulumi resource name; defaults to the number and capability. */
  name?: string;
}

interface DeclaredCallbacks extends ApplicationCallbacksArgs {
  name?: string;
}

interface SinchVoiceDeclaration {
  numbers: DeclaredNumber[];
  callbacks: DeclaredCallbacks[];
}

function declareSinchVoice(declaration: SinchVoiceDeclaration) {
  const numbers = declaration.numbers.map(
    ({ name, ...args }) => new NumberAssignment(name ?? `number-${String(args.number).replace(/^\+/, '')}-${String(args.capability ?? 'voice')}`, args),
  );
  const callbacks = declaration.callbacks.map(({ name, ...args }, index) => new ApplicationCallbacks(name ?? `callbacks-${index + 1}`, args));
  return {
    bindings: numbers.map((binding) => ({ number: binding.number, applicationKey: binding.applicationKey, capability: binding.capability })),
    callbacks: callbacks.map((urls) => ({ applicationKey: urls.applicationKey, primary: urls.primary, fallback: urls.fallback })),
  };
}

/** The program Pulumi runs (it calls an exported function): the declaration comes from this project's configuration. */
export = async function program() {
  const config = new pulumi.Config('sinch-voice');
  return declareSinchVoice({
    numbers: config.getObject<DeclaredNumber[]>('numbers') ?? [],
    callbacks: config.getObject<DeclaredCallbacks[]>('callbacks') ?? [],
  });
};
