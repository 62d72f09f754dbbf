/** Loads implementation.ts on first use (see there why). */
import type * as Implementation from './implementation';

let loaded: typeof Implementation | undefined;

export function implementation(): typeof Implementation {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require that runs when needed, not at start
  loaded ??= require('./implementation') as typeof Implementation;
  return loaded;
}
