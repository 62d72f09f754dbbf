/** `queryNumber`: what Sinch says of any E.164 number (an endpoint Sinch marks deprecated). */
import type { NumberInformation } from '../client';
import { checkNumber } from '../client/arguments';
import { FUNCTION_SHAPES } from '../shapes/functions';
import type { FunctionRegistration } from './registration';

export interface QueryNumberArgs {
  number: string;
}

export const QUERY_NUMBER_FUNCTION: FunctionRegistration<QueryNumberArgs, NumberInformation> = {
  shape: FUNCTION_SHAPES.queryNumber,
  arguments: { number: { parse: checkNumber } },
  call: (client, args) => client.queryNumber(args.number),
};
