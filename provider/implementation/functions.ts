/**
 * How every function is called, whichever it is: its arguments checked by its registration's parsers, then its call.
 * The program-side functions (resources/functions.ts) and the plugin's invoke share this.
 */
import type { SinchConfigurationClient } from '../client';
import { parseInputs, type InputParser } from '../validation';
import { FUNCTIONS, type FunctionArgs, type FunctionName, type FunctionResults } from '../registry';
import type { FunctionRegistration } from './registration';
import type { CheckFailure, InvokeResponse, PropertyValues } from './requests';

/** The arguments as checked (application keys in the form Sinch issues), or what is wrong with them. */
type CheckedArguments<Args> = { args: Args; failures: [] } | { args?: undefined; failures: CheckFailure[] };

/** A function's arguments parsed, its other arguments dropped; reasons never show `secret`. */
export function checkArguments<F extends FunctionName>(
  name: F,
  given: PropertyValues,
  secret: string | undefined,
): CheckedArguments<FunctionArgs[F]> {
  const parsers: Readonly<Record<string, InputParser>> = FUNCTIONS[name].arguments;
  const declared = Object.fromEntries(
    Object.keys(parsers).flatMap((key) => (given[key] === undefined || given[key] === null ? [] : [[key, given[key]]])),
  ) as Partial<FunctionArgs[F]>;
  const { inputs, failures } = parseInputs(declared, parsers, secret, false);
  return failures.length > 0 ? { failures } : { args: inputs as FunctionArgs[F], failures: [] };
}

/** Calls a function whose arguments are checked. */
export function callFunction<F extends FunctionName>(
  name: F,
  client: SinchConfigurationClient,
  args: FunctionArgs[F],
): Promise<FunctionResults[F]> {
  const { call } = FUNCTIONS[name] as unknown as FunctionRegistration<FunctionArgs[F], FunctionResults[F]>;
  return call(client, args);
}

/** Checks the arguments, then calls; a failed check makes no call. */
export async function invokeFunction<F extends FunctionName>(
  name: F,
  given: PropertyValues,
  client: () => SinchConfigurationClient,
  secret: string | undefined,
): Promise<InvokeResponse<FunctionResults[F]>> {
  const { args, failures } = checkArguments(name, given, secret);
  if (!args) return { failures };
  return { result: await callFunction(name, client(), args), failures: [] };
}
