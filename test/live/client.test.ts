/**
 * The client against the real API: list, assign, unassign, get and update callbacks, with both authentication
 * schemes. Every binding of the allowed numbers and every URL is put back after each test (account.ts).
 */
import {
  accountState,
  bindingKey,
  capabilitiesOf,
  eventually,
  liveClient,
  restoredAfterEach,
  settings,
} from './account';

const state = restoredAfterEach();
const TEST_PRIMARY = 'https://live-suite.example.com/primary';
const TEST_FALLBACK = 'https://live-suite.example.com/fallback';

const firstNumber = (): string => settings.numbers[0] as string;

it('listNumbers: every allowed number is listed with a capability, each binding with an application key or none', async () => {
  const listed = await liveClient().listNumbers();
  for (const number of settings.numbers)
    expect(listed.filter((entry) => entry.number === number).length).toBeGreaterThan(0);
  for (const entry of listed) {
    expect(['voice', 'sms']).toContain(entry.capability);
    if (entry.applicationKey !== undefined) expect(entry.applicationKey).not.toBe('');
  }
});

it.each(['signed', 'basic'] as const)(
  'assign then unassign an allowed number, each visible in the list (%s)',
  async (auth) => {
    const client = liveClient(auth);
    const number = firstNumber();
    const capability = capabilitiesOf(state.found(), number)[0] ?? 'voice';
    const key = bindingKey(number, capability);
    const holder = state.found().bindings[key];
    if (holder) await client.unassignNumber({ number, applicationKey: holder, capability });
    await eventually(accountState, (now) => now.bindings[key] === null);

    await client.assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability });
    expect((await eventually(accountState, (now) => now.bindings[key] === settings.applicationKey)).bindings[key]).toBe(
      settings.applicationKey,
    );

    await client.unassignNumber({ number, capability });
    expect((await eventually(accountState, (now) => now.bindings[key] === null)).bindings[key]).toBeNull();
  },
);

it.each(['signed', 'basic'] as const)(
  'get and update callbacks: both URLs, then the fallback cleared with "" (%s)',
  async (auth) => {
    const client = liveClient(auth);
    await client.updateCallbacks(settings.applicationKey, { primary: TEST_PRIMARY, fallback: TEST_FALLBACK });
    expect(await client.getCallbacks(settings.applicationKey)).toEqual({
      primary: TEST_PRIMARY,
      fallback: TEST_FALLBACK,
    });
    await client.updateCallbacks(settings.applicationKey, { primary: TEST_PRIMARY, fallback: '' });
    expect(await client.getCallbacks(settings.applicationKey)).toEqual({ primary: TEST_PRIMARY });
  },
);
