// pulumi config set application <application key>
// pulumi config set primary https://voice.example.com/sinch
// pulumi config set fallback https://voice-backup.example.com/sinch
//
// Remove `fallback` from the configuration and run `pulumi up`: the fallback is cleared, because the declared
// state is the whole truth.
import * as pulumi from '@pulumi/pulumi';
import { ApplicationCallbacks } from 'pulumi-sinch-voice';

export = async () => {
  const config = new pulumi.Config();
  const callbacks = new ApplicationCallbacks('voice-callbacks', {
    applicationKey: config.require('application'),
    primary: config.require('primary'),
    fallback: config.get('fallback'),
  });
  return { primary: callbacks.primary, fallback: callbacks.fallback };
};
