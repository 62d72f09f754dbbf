import * as pulumi from '@pulumi/pulumi';
import type { Capability } from '../client/types';
import { NUMBER_ASSIGNMENT } from '../shapes';
import shim = require('../shims/NumberAssignment');
import { dynamicType, withProvider } from './dynamicResource';
import { preflight } from './preflight';
import { registeredProperties, type ArgsMatchShape } from './properties';

export interface NumberAssignmentArgs {
  /** The number, in E.164 form (+12015550100). Changing it replaces the resource. */
  number: pulumi.Input<string>;
  /** The Voice application to bind it to; defaults to the configured sinch:applicationKey. Changing it moves the number. */
  applicationKey?: pulumi.Input<string>;
  /** `voice` (default) or `sms`. Changing it replaces the resource. */
  capability?: pulumi.Input<Capability>;
  /**
   * Whether creating this resource may take the number from another application that holds it. Default false:
   * such a create fails, naming that application, and changes nothing.
   */
  allowReassign?: pulumi.Input<boolean>;
}

/** Binds a number the Sinch project owns to a Voice application. The id is `<number>/<capability>`. */
export class NumberAssignment extends pulumi.CustomResource {
  declare readonly number: pulumi.Output<string>;
  declare readonly applicationKey: pulumi.Output<string>;
  declare readonly capability: pulumi.Output<Capability>;
  declare readonly allowReassign: pulumi.Output<boolean>;
  /** The application this resource last bound the number to; delete unassigns only from it. */
  declare readonly assignedApplicationKey: pulumi.Output<string>;
  /** true when create found the number already bound to the declared application and wrote nothing; destroy then leaves it bound. */
  declare readonly adopted: pulumi.Output<boolean | undefined>;
  /** The application that held the number when this resource was created; undefined when it was unbound. */
  declare readonly foundApplicationKey: pulumi.Output<string | undefined>;

  constructor(name: string, args: NumberAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    preflight();
    super(
      dynamicType('NumberAssignment'),
      name,
      withProvider('NumberAssignment', shim, registeredProperties(NUMBER_ASSIGNMENT, args)),
      opts,
    );
  }
}

// NumberAssignmentArgs takes exactly the shape's inputs: a compile error otherwise.
const argsMatch: ArgsMatchShape<NumberAssignmentArgs, typeof NUMBER_ASSIGNMENT> = true;
void argsMatch;
