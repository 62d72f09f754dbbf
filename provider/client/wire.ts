/** The Sinch side of the wire, exactly as the API spells it (lower-case `applicationkey`, the `url` wrapper). */
import type { Capability, NumberType, Price } from './types';

export interface WireNumbersResponse {
  numbers?: Array<{ number: string; applicationkey?: string; capability: Capability }>;
}

export interface WireAssignNumbersBody {
  numbers: string[];
  applicationkey?: string;
  capability?: Capability;
}

export interface WireUnassignNumberBody {
  number: string;
  applicationkey?: string;
  capability?: Capability;
}

export interface WireCallbacks {
  url?: { primary?: string | null; fallback?: string | null };
}

export interface WireQueryNumberResponse {
  number?: {
    countryId: string;
    numberType: NumberType;
    normalizedNumber: string;
    restricted: boolean;
    rate?: Price;
  };
}

export interface WireError {
  status?: string;
  errorCode?: number | string;
  message?: string;
  reference?: string;
}
