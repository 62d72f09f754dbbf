/**
 * The two front ends over the one implementation, as data for the end-to-end suites: the dynamic resources of a
 * TypeScript program (`pulumi-nodejs:dynamic/sinch:*`, hosted by the SDK's dynamic-provider plugin) and the native
 * plugin `pulumi-resource-sinch` (`sinch:voice:*`), which the driver declares as a generated SDK does. A suite that
 * defines behaviour runs through both with `describe.each(FRONT_ENDS)`; what differs between them is said here.
 */
export type FrontEndName = 'dynamic' | 'plugin';
export type ResourceKind = 'NumberAssignment' | 'ApplicationCallbacks';

export interface FrontEnd {
  readonly name: FrontEndName;
  /** The resource type a resource of this kind has in the state. */
  type(kind: ResourceKind): string;
  /**
   * The provider's line `words` about the resource `name`, where the CLI prints it. The dynamic provider's
   * console.log reaches the CLI's output under the stack (the engine cannot tell which resource wrote it); the
   * plugin's line goes through the engine's log with the resource's URN, and the CLI prints it under that resource
   * (`sinch:voice:NumberAssignment (name):` in the Diagnostics).
   */
  line(kind: ResourceKind, name: string, words: string): RegExp;
  /** The same for a line of severity warning, which each front end shows as one. */
  warning(kind: ResourceKind, name: string, words: string): RegExp;
  /**
   * How the missing application secret stops an up, before any API call: the dynamic resources' preflight stops the
   * program with one error; the plugin's CheckConfig fails the default provider, naming the setting.
   */
  readonly missingSecret: RegExp;
  /** What would show that a resource itself failed the up that the missing secret stops. */
  readonly perResourceError: RegExp;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const DYNAMIC: FrontEnd = {
  name: 'dynamic',
  type: (kind) => `pulumi-nodejs:dynamic/sinch:${kind}`,
  line: (_kind, _name, words) => new RegExp(escaped(`pulumi-sinch-voice: ${words}`)),
  // The dynamic-provider plugin passes the provider's lines through as plain text: a warning says so at its head.
  warning: (_kind, _name, words) => new RegExp(escaped(`warning: pulumi-sinch-voice: ${words}`)),
  missingSecret: /Sinch credentials are incomplete: sinch:applicationSecret \(or SINCH_APPLICATION_SECRET\) is not set/,
  perResourceError: /dynamic\/sinch:/,
};

export const PLUGIN: FrontEnd = {
  name: 'plugin',
  type: (kind) => `sinch:voice:${kind}`,
  line: (kind, name, words) =>
    // The resource's block of the Diagnostics: its header, then its indented lines up to the blank line after them.
    new RegExp(
      `sinch:voice:${kind} \\(${escaped(name)}\\):\\n(?:[ \\t]+\\S.*\\n)*?[ \\t]+${escaped(`pulumi-sinch-voice: ${words}`)}`,
    ),
  // The engine's own word for a line of severity warning, in the same block.
  warning: (kind, name, words) =>
    new RegExp(
      `sinch:voice:${kind} \\(${escaped(name)}\\):\\n(?:[ \\t]+\\S.*\\n)*?[ \\t]+${escaped(`warning: pulumi-sinch-voice: ${words}`)}`,
    ),
  missingSecret:
    /pulumi:providers:sinch resource 'default': property applicationSecret value .* has a problem: sinch:applicationSecret is not set/,
  perResourceError: /sinch:voice:/,
};

export const FRONT_ENDS: readonly FrontEnd[] = [DYNAMIC, PLUGIN];
