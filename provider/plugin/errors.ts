/** Errors the plugin answers with a gRPC status of their own; anything else the implementation throws is UNKNOWN. */
import { status } from '@grpc/grpc-js';

export class PluginError extends Error {
  override readonly name = 'PluginError';

  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

/** A type token this package does not have: a NOT_FOUND that names it, as the engine's own providers answer. */
export const unknownToken = (what: 'resource type' | 'function', token: string): PluginError =>
  new PluginError(
    status.NOT_FOUND,
    `pulumi-sinch-voice: the sinch provider has no ${what} ${JSON.stringify(token)}; is the installed plugin older than the program or the stack's state?`,
  );
