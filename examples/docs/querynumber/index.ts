import * as sinch from '@pulumi-sinch-voice/sinch';

const swedishMobile = sinch.voice.queryNumberOutput({ number: '+46701234567' });

export const queriedCountry = swedishMobile.countryId;
export const queriedType = swedishMobile.numberType;
export const queriedRestricted = swedishMobile.restricted;
