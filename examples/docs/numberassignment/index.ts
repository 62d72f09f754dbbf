import * as sinch from '@pulumi-sinch-voice/sinch';

// Voice calls to +12015550101 go to the configured application (sinch:applicationKey).
const frontDesk = new sinch.voice.NumberAssignment('front-desk', { number: '+12015550101' });
// Its SMS capability goes to another application of the project, taken from whichever application holds it now.
const frontDeskSms = new sinch.voice.NumberAssignment('front-desk-sms', {
  number: '+12015550101',
  capability: 'sms',
  applicationKey: 'f00dcafe-abba-c0de-1dea-dabb1ed4caf3',
  allowReassign: true,
});

export const frontDeskId = frontDesk.id;
export const frontDeskApplication = frontDesk.assignedApplicationKey;
export const frontDeskSmsFoundOn = frontDeskSms.foundApplicationKey;
