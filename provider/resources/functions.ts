import * as pulumi from '@pulumi/pulumi';
import type { Capability, NumberBinding, NumberInformation } from '../client/types';
import { connect } from '../configuration';
import { applicationKeyProblem, capabilityProblem, e164Problem } from '../validation';
import { programSettings } from './programSettings';

export interface GetNumbersArgs {
  /** Only the numbers bound to this application. */
  applicationKey?: string;
  /** Only entries of this capability. */
  capability?: Capability;
}

export interface GetNumbersResult {
  numbers: NumberBinding[];
}

function programClient() {
  return connect(programSettings());
}

/** The project's numbers and their bindings, read live. */
export async function getNumbers(args: GetNumbersArgs = {}): Promise<GetNumbersResult> {
  const problems = [
    ['applicationKey', args.applicationKey === undefined ? undefined : applicationKeyProblem(args.applicationKey)],
    ['capability', args.capability === undefined ? undefined : capabilityProblem(args.capability)],
  ].filter(([, problem]) => problem);
  if (problems.length > 0) throw new TypeError(`getNumbers: ${problems.map(([name, problem]) => `${name} ${problem}`).join('; ')}`);
  const numbers = (await programClient().listNumbers()).filter(
    (entry) =>
      (args.applicationKey === undefined || entry.applicationKey === args.applicationKey) &&
      (args.capability === undefined || entry.capability === args.capability),
  );
  return { numbers };
}

export function getNumbersOutput(args: pulumi.Input<GetNumbersArgs> = {}): pulumi.Output<GetNumbersResult> {
  return pulumi.output(args).apply((plain) => getNumbers(plain as GetNumbersArgs));
}

/** Country, number type and rate of any E.164 number (Sinch marks this endpoint deprecated). */
export async function queryNumber(number: string): Promise<NumberInformation> {
  const problem = e164Problem(number);
  if (problem) throw new TypeError(`queryNumber: number ${problem}`);
  return programClient().queryNumber(number);
}

export function queryNumberOutput(number: pulumi.Input<string>): pulumi.Output<NumberInformation> {
  return pulumi.output(number).apply(queryNumber);
}
