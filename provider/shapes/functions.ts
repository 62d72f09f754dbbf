import { CAPABILITIES } from '../client/types';
import type { FunctionName } from '../registry';
import type { FunctionShape } from './property';

const APPLICATION_KEY =
  'A Voice application key, such as `f00dcafe-abba-c0de-1dea-dabb1ed4caf3`: a UUID with or without dashes, in any case.';

export const FUNCTION_SHAPES = {
  getNumbers: {
    description:
      "The project's numbers and their bindings, read live: one entry per number and capability, bound or not.",
    inputs: {
      applicationKey: { type: 'string', description: `Only the numbers bound to this application. ${APPLICATION_KEY}` },
      capability: {
        type: 'string',
        enum: CAPABILITIES,
        description: 'Only entries of this capability: `voice` or `sms`.',
      },
    },
    outputs: {
      numbers: {
        type: 'array',
        required: true,
        description: 'The entries, in the order the API lists them.',
        items: {
          type: 'object',
          typeName: 'NumberBinding',
          description: 'One number and capability, and the application it is bound to.',
          properties: {
            number: { type: 'string', required: true, description: 'The number, in E.164 form.' },
            applicationKey: {
              type: 'string',
              description: 'The application it is bound to; absent when it is unbound.',
            },
            capability: { type: 'string', enum: CAPABILITIES, required: true, description: '`voice` or `sms`.' },
          },
        },
      },
    },
  },
  queryNumber: {
    description: 'Country, number type and rate of any E.164 number, read live (Sinch marks this endpoint deprecated).',
    inputs: {
      number: {
        type: 'string',
        required: true,
        description:
          'The number, in E.164 form (`+46701234567`): `+` and 2 to 15 ASCII digits that libphonenumber finds possible.',
      },
    },
    outputs: {
      countryId: { type: 'string', required: true, description: 'The ISO 3166-1 country code, such as `SE`.' },
      numberType: {
        type: 'string',
        enum: ['Unknown', 'Fixed', 'Mobile', 'Other'],
        required: true,
        description: 'What kind of number it is.',
      },
      normalizedNumber: { type: 'string', required: true, description: 'The number as Sinch writes it.' },
      restricted: { type: 'boolean', required: true, description: 'Whether calls to it are restricted.' },
      rate: {
        type: 'object',
        typeName: 'Rate',
        description: 'What a call to it costs per minute, when Sinch says.',
        properties: {
          currencyId: { type: 'string', description: 'The currency, such as `USD`.' },
          amount: { type: 'number', required: true, description: 'The amount per minute.' },
        },
      },
    },
  },
} as const satisfies Record<FunctionName, FunctionShape>;
