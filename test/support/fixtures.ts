import type { SimulatedApplication, SimulatedNumber } from '../../simulator';

/** Two applications of one project, with real base64 secrets as the dashboard shows them. */
export const APP_A: SimulatedApplication = {
  key: '5f5c418a-0f91-4bbc-8234-a9bf5eddad97',
  secret: 'JViE5vDor0Sw3WllZka15Q==',
};
export const APP_B: SimulatedApplication = {
  key: '669e367e-6bba-48ab-af15-266871c28135',
  secret: 'BeIukql3pTKJ8RGL5zo0DA==',
};

export const VOICE_ONLY = '+12012222222';
export const VOICE_ONLY_2 = '+12013333333';
export const VOICE_AND_SMS = '+12014444444';
export const SMS_ONLY = '+12015555555';
/** A valid number that the project does not own. */
export const FOREIGN_NUMBER = '+14155550123';

export const NUMBERS: SimulatedNumber[] = [
  { number: VOICE_ONLY, capabilities: ['voice'] },
  { number: VOICE_ONLY_2, capabilities: ['voice'] },
  { number: VOICE_AND_SMS, capabilities: ['voice', 'sms'] },
  { number: SMS_ONLY, capabilities: ['sms'] },
];

/** Fails with a message that does not repeat the secret when the text contains it. */
export function expectNoSecret(text: string, ...secrets: string[]): void {
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error('a secret appeared in text that must not contain it');
  }
}

/** The error a call fails with; fails the test when the call succeeds. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
