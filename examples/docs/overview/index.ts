import * as sinch from '@pulumi-sinch-voice/sinch';

// No applicationKey: both resources use the configured sinch:applicationKey.
const mainLine = new sinch.voice.NumberAssignment('main-line', { number: '+12015550100' });
const callbacks = new sinch.voice.ApplicationCallbacks('callbacks', {
  primary: 'https://voice.example.com/sinch',
  fallback: 'https://voice-backup.example.com/sinch',
});
const listed = sinch.voice.getNumbersOutput({ applicationKey: mainLine.applicationKey });

export const mainLineId = mainLine.id;
export const callbacksPrimary = callbacks.primary;
export const listedForApplication = listed.numbers;
