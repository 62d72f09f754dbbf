/**
 * The variables that let the live suite (`npm run test:live`) run against a real Sinch account, and what they allow
 * it to touch. Shared by the gate (scripts/testLive.ts), which decides whether the suite runs at all, and by the
 * suite itself (test/live), which refuses to run without them.
 */
import { AUTH_SCHEMES, checkApplicationKey, checkNumber, type AuthScheme } from '../provider/client';

/** Required: without all three the suite does not run. */
export const REQUIRED_LIVE_VARIABLES = [
  'SINCH_LIVE_APPLICATION_KEY',
  'SINCH_LIVE_APPLICATION_SECRET',
  'SINCH_LIVE_NUMBERS',
] as const;

export interface LiveSettings {
  applicationKey: string;
  applicationSecret: string;
  /** The numbers the user allows the suite to rebind (every capability of each); nothing else is ever bound or unbound. */
  numbers: string[];
  /** SINCH_LIVE_BASE_URL: the real API unless given (the simulator, to rehearse the suite). */
  baseUrl?: string;
  /** SINCH_LIVE_AUTH: signed (default) or basic. */
  auth?: AuthScheme;
  /** SINCH_LIVE_OTHER_APPLICATION_KEY: a second application of the project, which the allowed numbers may be bound to. */
  otherApplicationKey?: string;
}

export type LiveVariables =
  { run: true; settings: LiveSettings } | { run: false; reason: string; problem: 'missing' | 'invalid' };

/** "live suite did not run: …": the whole message, printed by the gate and thrown by the suite. */
export const notRunMessage = (reason: string): string => `live suite did not run: ${reason}`;

/** Reads the variables; an empty one counts as unset, and nothing it says is repeated for the secret. */
export function liveVariables(environment: NodeJS.ProcessEnv): LiveVariables {
  const value = (name: string): string | undefined => environment[name]?.trim() || undefined;
  const missing = REQUIRED_LIVE_VARIABLES.filter((name) => value(name) === undefined);
  if (missing.length > 0) {
    return {
      run: false,
      problem: 'missing',
      reason: `${missing.join(', ')} not set (see test/live/README.md)`,
    };
  }
  const problems: string[] = [];
  const applicationKey = value('SINCH_LIVE_APPLICATION_KEY') as string;
  const numbers = [
    ...new Set(
      (value('SINCH_LIVE_NUMBERS') as string)
        .split(',')
        .map((number) => number.trim())
        .filter(Boolean),
    ),
  ];
  if (numbers.length === 0) problems.push('SINCH_LIVE_NUMBERS names no number');
  for (const number of numbers) {
    const checked = checkNumber(number);
    if (!checked.ok) problems.push(`SINCH_LIVE_NUMBERS: ${checked.reason}`);
  }
  const otherApplicationKey = value('SINCH_LIVE_OTHER_APPLICATION_KEY');
  for (const [name, key] of [
    ['SINCH_LIVE_APPLICATION_KEY', applicationKey],
    ['SINCH_LIVE_OTHER_APPLICATION_KEY', otherApplicationKey],
  ] as const) {
    const checked = key === undefined ? undefined : checkApplicationKey(key);
    if (checked && !checked.ok) problems.push(`${name}: ${checked.reason}`);
  }
  if (otherApplicationKey !== undefined && otherApplicationKey.toLowerCase() === applicationKey.toLowerCase()) {
    problems.push('SINCH_LIVE_OTHER_APPLICATION_KEY must name another application than SINCH_LIVE_APPLICATION_KEY');
  }
  const auth = value('SINCH_LIVE_AUTH');
  if (auth !== undefined && !(AUTH_SCHEMES as readonly string[]).includes(auth))
    problems.push(`SINCH_LIVE_AUTH must be one of ${AUTH_SCHEMES.join(', ')}`);
  if (problems.length > 0) return { run: false, problem: 'invalid', reason: problems.join('; ') };
  return {
    run: true,
    settings: {
      applicationKey,
      applicationSecret: value('SINCH_LIVE_APPLICATION_SECRET') as string,
      numbers,
      ...(value('SINCH_LIVE_BASE_URL') ? { baseUrl: value('SINCH_LIVE_BASE_URL') } : {}),
      ...(auth ? { auth: auth as AuthScheme } : {}),
      ...(otherApplicationKey ? { otherApplicationKey } : {}),
    },
  };
}
