import type { SimulatedApplication, SimulatedNumber } from './model';

/**
 * Sample data for trying things out, after the numbers and application keys of the end-to-end scenarios
 * that Sinch's own SDKs share. The secrets are made up for the simulator: they open nothing real.
 */
export const SAMPLE_APPLICATIONS: SimulatedApplication[] = [
  { key: 'ba5eba11-1dea-1337-babe-5a1ad00d1eaf', secret: 'c2ltdWxhdG9yLXNlY3JldC0x' },
  { key: 'f00dcafe-abba-c0de-1dea-dabb1ed4caf3', secret: 'c2ltdWxhdG9yLXNlY3JldC0y' },
];

export const SAMPLE_NUMBERS: SimulatedNumber[] = [
  { number: '+12012222222', capabilities: ['voice'] },
  { number: '+12013333333', capabilities: ['voice'] },
  { number: '+12014444444', capabilities: ['voice', 'sms'] },
  { number: '+12015555555', capabilities: ['voice'] },
];
