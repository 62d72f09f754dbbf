/**
 * The cores of `getNumbers` and `queryNumber`: argument checks, the call, the filter. The program-side functions
 * (resources/functions.ts) and the plugin's invoke share them.
 */
import type { Capability, NumberBinding, NumberInformation, SinchConfigurationClient } from '../client';
import { applicationKeyProblem, capabilityProblem, e164Problem } from '../validation';
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

/** The arguments as checked (application keys in the lowercase form Sinch issues), or what is wrong with them. */
type Checked<Args> = { args: Args; failures: [] } | { args?: undefined; failures: CheckFailure[] };

function checked<Args>(args: Args, problems: Array<[string, string | undefined]>): Checked<Args> {
  const failures = problems.flatMap(([property, reason]) => (reason ? [{ property, reason }] : []));
  return failures.length > 0 ? { failures } : { args, failures: [] };
}

const lowercase = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

export function checkGetNumbersArgs(given: PropertyValues): Checked<GetNumbersArgs> {
  const applicationKey = lowercase(given.applicationKey);
  const args = {
    ...(applicationKey === undefined ? {} : { applicationKey }),
    ...(given.capability === undefined ? {} : { capability: given.capability }),
  };
  return checked(args as GetNumbersArgs, [
    ['applicationKey', applicationKey === undefined ? undefined : applicationKeyProblem(applicationKey)],
    ['capability', given.capability === undefined ? undefined : capabilityProblem(given.capability)],
  ]);
}

export function checkQueryNumberArgs(given: PropertyValues): Checked<QueryNumberArgs> {
  return checked({ number: given.number } as QueryNumberArgs, [['number', e164Problem(given.number)]]);
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
): Promise<InvokeResponse<FunctionResults[F]>> {
  if (name === 'getNumbers') {
    const { args, failures } = checkGetNumbersArgs(given);
    if (!args) return { failures };
    return { result: (await getNumbers(client(), args)) as FunctionResults[F], failures: [] };
  }
  const { args, failures } = checkQueryNumberArgs(given);
  if (!args) return { failures };
  return { result: (await queryNumber(client(), args)) as FunctionResults[F], failures: [] };
}
