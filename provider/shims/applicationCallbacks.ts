import { shim } from './factory';

// The module's exports are the provider itself: see provider/shim.ts for why.
export = shim('ApplicationCallbacks');
