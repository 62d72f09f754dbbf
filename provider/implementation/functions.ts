/**
 * The cores of `getNumbers` and `queryNumber`: argument checks, the call, the filter. The program-side functions
 * (resources/functions.ts) and the plugin's invoke share them.
 */
import type { Capability, NumberBinding, NumberInformation, SinchConfigurationClient } from '../client';
import { checkApplicationKey, checkCapability, checkNumber } from '../client/arguments';
import { parseInputs, type InputParser } from '../validation';
import type { FunctionName } from './kinds';
import type { CheckFailure, InvokeResponse, PropertyValues } from './requests';

export interface GetNumbersArgs {
  /** Only the numbers bound to this application. */
  applicationKey?: string;
  /** Only entries of this capability. */
  capability?: Capability;
}

export interface GetNumbersResult {
  numbers: NumberBinding[];
}

export interface QueryNumberArgs {
  number: string;
}

export interface FunctionArgs {
  getNumbers: GetNumbersArgs;
  queryNumber: QueryNumberArgs;
}

export interface FunctionResults {
  getNumbers: GetNumbersResult;
  queryNumber: NumberInformation;
}

/** The arguments as checked (application keys in the form Sinch issues), or what is wrong with them. */
type CheckedArguments<Args> = { args: Args; failures: [] } | { args?: undefined; failures: CheckFailure[] };

const ARGUMENTS: { readonly [F in FunctionName]: Readonly<Record<keyof FunctionArgs[F], InputParser>> } = {
  getNumbers: {
    applicationKey: { parse: checkApplicationKey, optional: true },
    capability: { parse: checkCapability, optional: true },
  },
  queryNumber: { number: { parse: checkNumber } },
};

/** A function's arguments parsed, its other arguments dropped; reasons never show `secret`. */
export function checkArguments<F extends FunctionName>(
  name: F,
  given: PropertyValues,
  secret: string | undefined,
): CheckedArguments<FunctionArgs[F]> {
  const parsers = ARGUMENTS[name];
  const declared = Object.fromEntries(
    Object.keys(parsers).flatMap((key) => (given[key] === undefined || given[key] === null ? [] : [[key, given[key]]])),
  ) as Partial<FunctionArgs[F]>;
  const { inputs, failures } = parseInputs(declared, parsers, secret, false);
  return failures.length > 0 ? { failures } : { args: inputs as FunctionArgs[F], failures: [] };
}

export async function getNumbers(client: SinchConfigurationClient, args: GetNumbersArgs): Promise<GetNumbersResult> {
  const numbers = (await client.listNumbers()).filter(
    (entry) =>
      (args.applicationKey === undefined || entry.applicationKey === args.applicationKey) &&
      (args.capability === undefined || entry.capability === args.capability),
  );
  return { numbers };
}

export function queryNumber(client: SinchConfigurationClient, args: QueryNumberArgs): Promise<NumberInformation> {
  return client.queryNumber(args.number);
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
  const result =
    name === 'getNumbers'
      ? await getNumbers(client(), args as GetNumbersArgs)
      : await queryNumber(client(), args as QueryNumberArgs);
  return { result: result as FunctionResults[F], failures: [] };
}
