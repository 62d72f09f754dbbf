/**
 * The top-level stack: Sinch Voice bindings and callbacks declared in stack configuration.
 *
 *   sinch-voice:numbers    [{ "number": "+12012222222", "applicationKey": "…", "capability": "voice", "allowReassign": false }]
 *   sinch-voice:callbacks  [{ "applicationKey": "…", "primary": "https://…", "fallback": "https://…" }]
 *
 * plus the provider's own sinch:applicationKey, sinch:applicationSecret (secret), sinch:baseUrl and sinch:auth.
 * `npm run demo` runs it against the simulator; docs/dynamic-resources.md shows it against the real API.
 */
import * as pulumi from '@pulumi/pulumi';
// The package by name, as a user's program imports it (inside this repository it resolves to the repository itself).
import {
  ApplicationCallbacks,
  NumberAssignment,
  type ApplicationCallbacksArgs,
  type NumberAssignmentArgs,
} from 'pulumi-sinch-voice';

interface DeclaredNumber extends NumberAssignmentArgs {
  /** The Pulumi resource name; defaults to `number-<number>-<capability>`. */
  name?: string;
}

interface DeclaredCallbacks extends ApplicationCallbacksArgs {
  /** The Pulumi resource name; defaults to `callbacks-<applicationKey>` (`callbacks-default` for the configured application). */
  name?: string;
}

interface SinchVoiceDeclaration {
  numbers: DeclaredNumber[];
  callbacks: DeclaredCallbacks[];
}

/**
 * Resources are named after what they manage, never by their position in a list: reordering the configuration
 * changes nothing, and adding or removing an entry touches only that entry. The aliases carry stacks created by
 * 0.1, which named numbers without the `+` and callbacks by position, over to these names without a replace.
 */
function declareSinchVoice(declaration: SinchVoiceDeclaration) {
  const numbers = declaration.numbers.map(({ name, ...args }) => {
    const capability = String(args.capability ?? 'voice');
    const aliases = name ? [] : [{ name: `number-${String(args.number).replace(/^\+/, '')}-${capability}` }];
    return new NumberAssignment(name ?? `number-${String(args.number)}-${capability}`, args, { aliases });
  });
  const callbacks = declaration.callbacks.map(({ name, ...args }, index) => {
    const aliases = name ? [] : [{ name: `callbacks-${index + 1}` }];
    return new ApplicationCallbacks(name ?? `callbacks-${String(args.applicationKey ?? 'default')}`, args, { aliases });
  });
  return {
    bindings: numbers.map((binding) => ({
      number: binding.number,
      applicationKey: binding.applicationKey,
      capability: binding.capability,
    })),
    callbacks: callbacks.map((urls) => ({
      applicationKey: urls.applicationKey,
      primary: urls.primary,
      fallback: urls.fallback,
    })),
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
