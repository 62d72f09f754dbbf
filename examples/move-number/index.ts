// The number follows `activeApplication`: change it and run `pulumi up` to move the number (an in-place update,
// no replace). Any application of the same Sinch project can be the target.
//
// pulumi config set number +12015550100
// pulumi config set activeApplication <key of the application that should answer calls now>
import * as pulumi from '@pulumi/pulumi';
import { NumberAssignment } from 'pulumi-sinch-voice';

export = async () => {
  const config = new pulumi.Config();
  const line = new NumberAssignment('support-line', {
    number: config.require('number'),
    applicationKey: config.require('activeApplication'),
  });
  return { number: line.number, application: line.applicationKey };
};
