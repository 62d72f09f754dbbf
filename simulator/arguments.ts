import { InvalidArgumentError } from 'commander';
import { settingProblem, type ChaosSettings } from './chaos';
import { CAPABILITIES, type Capability, type SimulatedApplication, type SimulatedNumber } from './model';
import { variantProblem, type Variants } from './variants';

/** `--app KEY:SECRET`; the secret is base64, which has no colon, so the first colon splits. */
export function parseApplication(value: string, previous: SimulatedApplication[] = []): SimulatedApplication[] {
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1) throw new InvalidArgumentError('expected KEY:SECRET');
  return [...previous, { key: value.slice(0, colon), secret: value.slice(colon + 1) }];
}

/** `--number E164[:voice,sms]`; the capabilities the number supports, voice when none are named. */
export function parseNumber(value: string, previous: SimulatedNumber[] = []): SimulatedNumber[] {
  const [number = '', list] = value.split(':', 2);
  if (!/^\+[1-9]\d{1,14}$/.test(number))
    throw new InvalidArgumentError(`"${number}" is not an E.164 number such as +12015550100`);
  const capabilities = list === undefined ? ['voice'] : list.split(',').map((item) => item.trim());
  const unknown = capabilities.filter((item) => !(CAPABILITIES as readonly string[]).includes(item));
  if (capabilities.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`capabilities must be among ${CAPABILITIES.join(', ')}; got "${list}"`);
  }
  return [...previous, { number, capabilities: [...new Set(capabilities)] as Capability[] }];
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port from 0 to 65535');
  return port;
}

export function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new InvalidArgumentError('expected a number of seconds, 0 or more');
  return seconds;
}

/** A parser for the option of one chaos setting, with the same rule as `PUT /_sim/chaos`. */
export function chaosSetting(name: keyof ChaosSettings): (value: string) => number {
  return (value) => {
    // Number('') is 0, which would turn an empty argument into "no faults" silently.
    const number = value.trim() === '' ? Number.NaN : Number(value);
    const problem = settingProblem(name, number);
    if (problem) throw new InvalidArgumentError(problem);
    return number;
  };
}

/** A parser for the option of one variant, with the same rule as `PUT /_sim/variants`. */
export function variantSetting<Name extends keyof Variants>(name: Name): (value: string) => Variants[Name] {
  return (value) => {
    const number = value.trim() === '' ? Number.NaN : Number(value);
    const problem = variantProblem(name, number);
    if (problem) throw new InvalidArgumentError(problem);
    return number as Variants[Name];
  };
}
