/** `getNumbers`: the project's numbers and their bindings, read live and filtered here. */
import type { Capability, NumberBinding } from '../client';
import { checkApplicationKey, checkCapability } from '../client/arguments';
import { FUNCTION_SHAPES } from '../shapes/functions';
import type { FunctionRegistration } from './registration';

export interface GetNumbersArgs {
  /** Only the numbers bound to this application. */
  applicationKey?: string;
  /** Only entries of this capability. */
  capability?: Capability;
}

export interface GetNumbersResult {
  numbers: NumberBinding[];
}

export const GET_NUMBERS_FUNCTION: FunctionRegistration<GetNumbersArgs, GetNumbersResult> = {
  shape: FUNCTION_SHAPES.getNumbers,
  arguments: {
    applicationKey: { parse: checkApplicationKey, optional: true },
    capability: { parse: checkCapability, optional: true },
  },
  async call(client, args) {
    const numbers = (await client.listNumbers()).filter(
      (entry) =>
        (args.applicationKey === undefined || entry.applicationKey === args.applicationKey) &&
        (args.capability === undefined || entry.capability === args.capability),
    );
    return { numbers };
  },
};
