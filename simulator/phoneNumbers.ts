import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { apiErrors } from './errors';

const E164 = /^\+[1-9]\d{1,14}$/;

/** The format check the API documents for every number field: 40005 without the plus, 40001 otherwise. */
export function requireE164(value: unknown, field: string): string {
  if (typeof value !== 'string') throw apiErrors.parameterValidation(`${field} must be an E.164 string`);
  if (/^[1-9]\d{1,14}$/.test(value)) throw apiErrors.missingLeadingPlus(value);
  if (!E164.test(value)) throw apiErrors.parameterValidation(`${field} "${value}" is not in E.164 format`);
  return value;
}

export interface QueriedNumber {
  countryId: string;
  numberType: 'Unknown' | 'Fixed' | 'Mobile' | 'Other';
  normalizedNumber: string;
  restricted: boolean;
  rate: { currencyId: string; amount: number };
}

/** Per-minute rates in USD by number type: made up, stable, and in the range Sinch's own examples show. */
const RATES: Record<QueriedNumber['numberType'], number> = { Fixed: 0.01, Mobile: 0.0185, Other: 0.05, Unknown: 0.025 };

/** Country and number type come from the number itself, through libphonenumber's full metadata. */
export function queryNumber(raw: string): QueriedNumber {
  const value = raw.replace(/\s+/g, '');
  if (/^[1-9]\d+$/.test(value)) throw apiErrors.missingLeadingPlus(value);
  const parsed = parsePhoneNumberFromString(value);
  if (!value.startsWith('+') || !parsed || !parsed.isValid()) {
    throw apiErrors.parameterValidation(`Invalid number specified: ${value}`);
  }
  const type = parsed.getType();
  const numberType: QueriedNumber['numberType'] =
    type === 'MOBILE'
      ? 'Mobile'
      : type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE'
        ? 'Fixed'
        : type
          ? 'Other'
          : 'Unknown';
  return {
    countryId: parsed.country ?? 'Unknown',
    numberType,
    normalizedNumber: parsed.number,
    restricted: type === 'PREMIUM_RATE' || type === 'SHARED_COST',
    rate: { currencyId: 'USD', amount: RATES[numberType] },
  };
}
