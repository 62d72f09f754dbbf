import { checkNumber } from './arguments';
import type { Checked } from './checked';
import { SinchArgumentError, type OperationName } from './errors';
import type { Quote } from './quoting';
import { checkCallbackUrl } from './urls';

/** The value, or a SinchArgumentError that names the operation and the argument, before any request. */
export function argument<T>(operation: OperationName, name: string, checked: Checked<T>): T {
  if (!checked.ok) throw new SinchArgumentError(`${operation}: ${name} ${checked.reason}`);
  return checked.value;
}

export function optionalArgument<T>(
  operation: OperationName,
  name: string,
  value: unknown,
  check: (value: unknown, quote: Quote) => Checked<T>,
  quote: Quote,
): T | undefined {
  return value === undefined ? undefined : argument(operation, name, check(value, quote));
}

/** The request object itself: without it, reading its fields would throw a bare TypeError. */
export function requestObject(operation: OperationName, value: unknown, name: string, quote: Quote): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SinchArgumentError(`${operation}: ${name} must be an object; got ${quote(value)}`);
  }
}

/** One to any number of E.164 numbers: the client splits them into calls of at most 100. */
export function numberList(value: unknown, quote: Quote): Checked<string[]> {
  if (!Array.isArray(value)) return { ok: false, reason: `must be a list of E.164 numbers; got ${quote(value)}` };
  if (value.length === 0) return { ok: false, reason: 'must hold at least one number' };
  const numbers: string[] = [];
  for (const [index, number] of value.entries()) {
    const checked = checkNumber(number, quote);
    if (!checked.ok) return { ok: false, reason: `[${index}] ${checked.reason}` };
    numbers.push(checked.value);
  }
  return { ok: true, value: numbers };
}

/** A callback URL to send exactly as given: a valid one, or '' to clear it. */
export function clearableUrl(value: unknown, quote: Quote): Checked<string> {
  if (value === '') return { ok: true, value: '' };
  const checked = checkCallbackUrl(value, quote);
  return checked.ok ? { ok: true, value: value as string } : checked;
}
