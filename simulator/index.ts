export { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';
export { SAMPLE_APPLICATIONS, SAMPLE_NUMBERS } from './sample';
export type { CallbackUrls, Capability, SimulatedApplication, SimulatedNumber, SimulatorState } from './model';
export type { Fault, LoggedRequest } from './traffic';
export { NO_CHAOS, type ChaosSettings, type FaultKind } from './chaos';
export { DEFAULT_VARIANTS, type Variants } from './variants';
