/**
 * The live suite's view of the account it may touch: its settings (from the SINCH_LIVE_ variables, or a refusal to
 * run), clients, the state of the allowed numbers and URLs as found, and putting that state back.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { SinchConfigurationClient, type CallbackUrls, type Capability } from '../../provider/client';
import type { SinchProviderSettings } from '../../provider/configuration';
import { liveVariables, notRunMessage, type LiveSettings } from '../../scripts/liveVariables';

/** The settings, or an error that fails the suite: a live suite without its variables never passes. */
export function liveSettings(): LiveSettings {
  const variables = liveVariables(process.env);
  if (!variables.run) throw new Error(notRunMessage(variables.reason));
  return variables.settings;
}

export const settings = liveSettings();

/** Where globalSetup.ts leaves the capabilities listed for each allowed number when the suite starts. */
export const LISTED_CAPABILITIES = 'SINCH_LIVE_SUITE_LISTED_CAPABILITIES';

/** The capabilities the list showed for each allowed number when the suite started: known when tests are collected. */
export function listedCapabilities(): Record<string, Capability[]> {
  const text = process.env[LISTED_CAPABILITIES];
  if (text === undefined)
    throw new Error('the live suite runs through `npm run test:live` (its globalSetup reads the numbers first)');
  return JSON.parse(text) as Record<string, Capability[]>;
}

/** A client of the configured application; `auth` overrides SINCH_LIVE_AUTH. */
export function liveClient(auth = settings.auth): SinchConfigurationClient {
  return new SinchConfigurationClient({
    applicationKey: settings.applicationKey,
    applicationSecret: settings.applicationSecret,
    baseUrl: settings.baseUrl,
    auth,
  });
}

/** The provider's settings for the same account, as a stack would configure them. */
export function providerSettings(): SinchProviderSettings {
  return {
    applicationKey: settings.applicationKey,
    applicationSecret: settings.applicationSecret,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    ...(settings.auth ? { auth: settings.auth } : {}),
  };
}

/** The applications whose callback URLs the suite may change: the configured one, and the other one when given. */
export const applications = (): string[] => [
  settings.applicationKey,
  ...(settings.otherApplicationKey ? [settings.otherApplicationKey] : []),
];

/** `number/capability` → the application holding it, or null when unbound: for every listed capability of each allowed number. */
export type Bindings = Record<string, string | null>;

export interface AccountState {
  bindings: Bindings;
  callbacks: Record<string, CallbackUrls>;
}

export const bindingKey = (number: string, capability: Capability): string => `${number}/${capability}`;

/** The allowed numbers' bindings and the applications' URLs, as the API shows them now. */
export async function accountState(client = liveClient()): Promise<AccountState> {
  const listed = await client.listNumbers();
  const bindings: Bindings = {};
  for (const entry of listed) {
    if (settings.numbers.includes(entry.number))
      bindings[bindingKey(entry.number, entry.capability)] = entry.applicationKey ?? null;
  }
  const absent = settings.numbers.filter((number) => !listed.some((entry) => entry.number === number));
  if (absent.length > 0)
    throw new Error(`SINCH_LIVE_NUMBERS names ${absent.join(', ')}, which the project's list of numbers does not show`);
  const callbacks: Record<string, CallbackUrls> = {};
  for (const applicationKey of applications()) callbacks[applicationKey] = await client.getCallbacks(applicationKey);
  return { bindings, callbacks };
}

/** The capabilities the list shows for an allowed number. */
export function capabilitiesOf(state: AccountState, number: string): Capability[] {
  return (['voice', 'sms'] as const).filter((capability) => bindingKey(number, capability) in state.bindings);
}

/** Differences between two states, one line each; empty when they are the same. */
export function differences(expected: AccountState, actual: AccountState): string[] {
  const lines: string[] = [];
  for (const [key, holder] of Object.entries(expected.bindings)) {
    if ((actual.bindings[key] ?? null) !== holder)
      lines.push(`${key}: expected ${holder ?? 'unbound'}, found ${actual.bindings[key] ?? 'unbound'}`);
  }
  for (const [applicationKey, urls] of Object.entries(expected.callbacks)) {
    const found = actual.callbacks[applicationKey] ?? {};
    for (const field of ['primary', 'fallback'] as const) {
      if (found[field] !== urls[field])
        lines.push(
          `${field} URL of ${applicationKey}: expected ${urls[field] ?? '(none)'}, found ${found[field] ?? '(none)'}`,
        );
    }
  }
  return lines;
}

/**
 * Puts every allowed binding and every URL back as `found` had them, then reads until the API shows exactly that
 * (binding changes may be applied asynchronously) or fails naming what is still different, so that a person can
 * finish by hand.
 */
export async function restore(found: AccountState): Promise<void> {
  const client = liveClient();
  const now = await accountState(client);
  for (const [key, holder] of Object.entries(found.bindings)) {
    const current = now.bindings[key] ?? null;
    if (current === holder) continue;
    const [number, capability] = key.split('/') as [string, Capability];
    if (holder === null) await client.unassignNumber({ number, applicationKey: current ?? undefined, capability });
    else await client.assignNumbers({ numbers: [number], applicationKey: holder, capability });
  }
  for (const [applicationKey, urls] of Object.entries(found.callbacks)) {
    if (differences({ bindings: {}, callbacks: { [applicationKey]: urls } }, now).length === 0) continue;
    await client.updateCallbacks(applicationKey, { primary: urls.primary ?? '', fallback: urls.fallback ?? '' });
  }
  let left: string[] = [];
  for (let attempt = 0; attempt < 20; attempt += 1) {
    left = differences(found, await accountState(client));
    if (left.length === 0) return;
    await delay(1_000);
  }
  throw new Error(`the live suite could not restore what it found; set these back by hand: ${left.join('; ')}`);
}

/** Waits until the check holds (binding changes may show late), up to 30 s; answers its last value. */
export async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let waited = 0; !holds(value) && waited < 30_000; waited += 1_000) {
    await delay(1_000);
    value = await read();
  }
  return value;
}

/**
 * Registers the hooks of a live test file: the state as found before it, restored (and checked) after each test,
 * whatever the test did or however it failed. Once a restoration fails, the file changes nothing more: every later
 * test fails at once, so that a person finds the account as the failure message describes it.
 */
export function restoredAfterEach(): { found(): AccountState } {
  let found: AccountState | undefined;
  let restorationFailed: string | undefined;
  beforeAll(async () => {
    found = await accountState();
  });
  beforeEach(() => {
    if (restorationFailed)
      throw new Error(
        `not run: an earlier restoration failed, and the suite changes nothing more (${restorationFailed})`,
      );
  });
  afterEach(async () => {
    if (!found || restorationFailed) return;
    try {
      await restore(found);
    } catch (error) {
      restorationFailed = (error as Error).message;
      throw error;
    }
  });
  return {
    found: () => {
      if (!found) throw new Error('the account state was not read');
      return structuredClone(found);
    },
  };
}
