import * as sinch from '@pulumi-sinch-voice/sinch';

const ivrCallbacks = new sinch.voice.ApplicationCallbacks('ivr-callbacks', {
  // Leave applicationKey out to use the configured sinch:applicationKey.
  applicationKey: 'f00dcafe-abba-c0de-1dea-dabb1ed4caf3',
  primary: 'https://ivr.example.com/sinch/events',
  // Left out, the application has no fallback: one set in the dashboard is cleared.
  fallback: 'https://ivr-backup.example.com/sinch/events',
});

export const ivrApplication = ivrCallbacks.id;
export const ivrPrimary = ivrCallbacks.appliedPrimary;
