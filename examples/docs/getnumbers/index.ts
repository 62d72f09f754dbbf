import * as sinch from '@pulumi-sinch-voice/sinch';

// Both filters are optional; applicationKey keeps only the numbers bound to that application.
const voiceNumbers = sinch.voice.getNumbersOutput({ capability: 'voice' });

export const numbers = voiceNumbers.numbers;
export const firstVoiceNumber = voiceNumbers.numbers[0].number;
