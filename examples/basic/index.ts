// pulumi config set sinch:applicationKey <key>
// pulumi config set --secret sinch:applicationSecret <secret>
// pulumi config set number +12015550100
// pulumi config set callbackUrl https://voice.example.com/sinch
import * as pulumi from '@pulumi/pulumi';
import { ApplicationCallbacks, NumberAssignment } from 'pulumi-sinch-voice';

export = async () => {
  const config = new pulumi.Config();
  // No applicationKey: both resources use the configured sinch:applicationKey.
  const line = new NumberAssignment('main-line', { number: config.require('number') });
  const callbacks = new ApplicationCallbacks('callbacks', { primary: config.require('callbackUrl') });
  return { number: line.number, application: line.applicationKey, primary: callbacks.primary };
};
