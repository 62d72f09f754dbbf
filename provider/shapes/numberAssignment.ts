import { CAPABILITIES, type Capability } from '../client/types';
import type { CheckedInputs, Outputs, ResourceShape } from './property';

export const NUMBER_ASSIGNMENT = {
  kind: 'NumberAssignment',
  description:
    'Binds a phone number that the Sinch project owns to a Voice application. Creating it adopts a binding that already ' +
    'exists (nothing is written, and destroy leaves it bound); destroy undoes only what this resource changed.',
  id: {
    form: '<number>/<capability>',
    example: '+12015550100/voice',
    description: 'the number and the capability of the binding, such as `+12015550100/voice`',
  },
  properties: {
    number: {
      type: 'string',
      input: true,
      required: true,
      replaces: true,
      description:
        'The number, in E.164 form (`+12015550100`): `+` and 2 to 15 ASCII digits that libphonenumber finds possible; another form is refused with a suggestion. Changing it replaces the resource.',
    },
    applicationKey: {
      type: 'string',
      input: true,
      defaultSetting: 'applicationKey',
      description:
        'The Voice application to bind the number to, by its key: a UUID with or without dashes, in any case, kept in the dashed lower-case form Sinch issues (another form of the same key is no change). Changing it moves the number (an update in place).',
    },
    capability: {
      type: 'string',
      enum: CAPABILITIES,
      input: true,
      default: 'voice',
      replaces: true,
      description: '`voice` or `sms`: what the number is bound for. Changing it replaces the resource.',
    },
    allowReassign: {
      type: 'boolean',
      input: true,
      default: false,
      description:
        'Whether a create (or an update) may take the number from an application this stack did not bind it to. Without it, such a create fails, naming that application, and changes nothing.',
    },
    assignedApplicationKey: {
      type: 'string',
      always: true,
      description:
        'The application this resource last bound the number to. A refresh may show the number bound elsewhere in `applicationKey`; delete unassigns only from this one.',
    },
    adopted: {
      type: 'boolean',
      description:
        '`true` when create (or an import) found the number already bound to the declared application and wrote nothing; destroy then leaves it bound.',
    },
    foundApplicationKey: {
      type: 'string',
      description:
        'The application that held the number when this resource was created; absent when it was unbound. Destroy gives the number back to it.',
    },
  },
} as const satisfies ResourceShape;

/** NumberAssignment's inputs after check: every default filled in. */
export type NumberAssignmentInputs = CheckedInputs<typeof NUMBER_ASSIGNMENT>;
/** What a NumberAssignment's state holds: see NUMBER_ASSIGNMENT for each property. */
export type NumberAssignmentOutputs = Outputs<typeof NUMBER_ASSIGNMENT>;

/** The resource name that the generator and `pulumi import` give a binding. */
export const numberResourceName = (number: string, capability: Capability): string => `number-${number}-${capability}`;
