/**
 * x-timestamp as the official SDKs send it: ISO-8601 with `Z` (Node: milliseconds, Java: up to nanoseconds,
 * .NET "O": 7 digits) or with an explicit offset (Python: `+00:00`). A time with no zone is ambiguous and refused.
 */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** Milliseconds since the epoch, or undefined when the value is not such a timestamp. */
export function parseTimestamp(value: string): number | undefined {
  const match = ISO_INSTANT.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [y, mo, d, h, mi, s] = fields;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const check = new Date(utc);
  // Date.UTC rolls 2024-02-31 over into March; a real timestamp never needs that.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  if (zone === undefined || zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return utc - sign * offsetMinutes * 60_000;
}
