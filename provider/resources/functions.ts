import * as pulumi from '@pulumi/pulumi';
import type { NumberInformation } from '../client/types';
import { connect, secretOf } from '../configuration';
import { explainCredentials } from '../implementation/credentials';
import { callFunction, checkArguments } from '../implementation/functions';
import type { GetNumbersArgs, GetNumbersResult } from '../implementation/getNumbers';
import type { CheckFailure, PropertyValues } from '../implementation/requests';
import { programSettings } from './programSettings';

export type { GetNumbersArgs, GetNumbersResult };

/** The program's own call: its configuration and environment, and a refusal of the credentials said plainly. */
async function withProgramClient<T>(call: (client: ReturnType<typeof connect>) => Promise<T>): Promise<T> {
  const settings = programSettings();
  try {
    return await call(connect(settings));
  } catch (error) {
    throw explainCredentials(error, settings);
  }
}

function refuse(name: string, failures: CheckFailure[]): TypeError {
  return new TypeError(`${name}: ${failures.map(({ property, reason }) => `${property} ${reason}`).join('; ')}`);
}

/** The project's numbers and their bindings, read live. */
export async function getNumbers(args: GetNumbersArgs = {}): Promise<GetNumbersResult> {
  const checked = checkArguments('getNumbers', args as PropertyValues, secretOf(programSettings()));
  if (!checked.args) throw refuse('getNumbers', checked.failures);
  const valid = checked.args;
  return withProgramClient((client) => callFunction('getNumbers', client, valid));
}

export function getNumbersOutput(args: pulumi.Input<GetNumbersArgs> = {}): pulumi.Output<GetNumbersResult> {
  return pulumi.output(args).apply((plain) => getNumbers(plain as GetNumbersArgs));
}

/** Country, number type and rate of any E.164 number (Sinch marks this endpoint deprecated). */
export async function queryNumber(number: string): Promise<NumberInformation> {
  const checked = checkArguments('queryNumber', { number }, secretOf(programSettings()));
  if (!checked.args) throw refuse('queryNumber', checked.failures);
  const valid = checked.args;
  return withProgramClient((client) => callFunction('queryNumber', client, valid));
}

export function queryNumberOutput(number: pulumi.Input<string>): pulumi.Output<NumberInformation> {
  return pulumi.output(number).apply(queryNumber);
}
