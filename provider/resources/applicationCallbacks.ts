import * as pulumi from '@pulumi/pulumi';
import { APPLICATION_CALLBACKS } from '../shapes';
import shim = require('../shims/ApplicationCallbacks');
import { dynamicType, withProvider } from './dynamicResource';
import { preflight } from './preflight';
import { registeredProperties, type ArgsMatchShape } from './properties';

export interface ApplicationCallbacksArgs {
  /** The Voice application; defaults to the configured sinch:applicationKey. Changing it replaces the resource. */
  applicationKey?: pulumi.Input<string>;
  /** The URL Sinch calls for the application's events: https, or http on localhost. */
  primary: pulumi.Input<string>;
  /** Called when the primary URL times out or fails. Omitted means none: an existing fallback is cleared. */
  fallback?: pulumi.Input<string>;
}

/** The callback URLs of one Voice application. The id is the application key. */
export class ApplicationCallbacks extends pulumi.CustomResource {
  declare readonly applicationKey: pulumi.Output<string>;
  declare readonly primary: pulumi.Output<string>;
  declare readonly fallback: pulumi.Output<string | undefined>;
  /** The URLs this resource last wrote; delete clears only URLs that still equal these. */
  declare readonly appliedPrimary: pulumi.Output<string>;
  declare readonly appliedFallback: pulumi.Output<string | undefined>;
  /** true when create found the declared URLs already live and wrote nothing. */
  declare readonly adopted: pulumi.Output<boolean | undefined>;
  /** The URLs set when this resource was created (undefined when none was); delete puts them back. */
  declare readonly foundPrimary: pulumi.Output<string | undefined>;
  declare readonly foundFallback: pulumi.Output<string | undefined>;

  constructor(name: string, args: ApplicationCallbacksArgs, opts?: pulumi.CustomResourceOptions) {
    preflight();
    super(
      dynamicType('ApplicationCallbacks'),
      name,
      withProvider('ApplicationCallbacks', shim, registeredProperties(APPLICATION_CALLBACKS, args)),
      opts,
    );
  }
}

// ApplicationCallbacksArgs takes exactly the shape's inputs: a compile error otherwise.
const argsMatch: ArgsMatchShape<ApplicationCallbacksArgs, typeof APPLICATION_CALLBACKS> = true;
void argsMatch;
