import { shim } from '../dynamicShim';

// The module's exports are the provider itself: see provider/dynamicShim.ts for why.
export = shim('ApplicationCallbacks');
