/**
 * What the simulator does where Sinch documents nothing (simulator/README.md, "Simulator behaviours to confirm against Sinch"):
 * each test states the simulator's behaviour, S1 to S17 as that page numbers them, so that a failure against the
 * real API names a difference. Every binding of the allowed numbers and every URL is put back after each test.
 */
import { SinchApiError } from '../../provider/client';
import {
  accountState,
  bindingKey,
  capabilitiesOf,
  listedCapabilities,
  liveClient,
  restoredAfterEach,
  settings,
} from './account';
import { rawRequest, statusOf } from './raw';

const state = restoredAfterEach();
/** Reported as skipped (never as passed) when the account gives no second application. */
const withOtherApplication = settings.otherApplicationKey ? it : it.skip;
const listed = listedCapabilities();
/** An allowed number listed with one capability only, and one listed with both: some tests need one (else skipped). */
const singleCapabilityNumber = settings.numbers.find((number) => listed[number]?.length === 1);
const dualCapabilityNumber = settings.numbers.find((number) => listed[number]?.length === 2);
const withSingleCapabilityNumber = singleCapabilityNumber ? it : it.skip;
const withDualCapabilityNumber = dualCapabilityNumber ? it : it.skip;
const NUMBERS_PATH = '/v1/configuration/numbers';
const callbacksPath = (applicationKey: string) => `/v1/configuration/callbacks/applications/${applicationKey}`;
/** A key no Sinch application has (a random version-4 UUID would do as well; this one is easy to recognize). */
const UNKNOWN_APPLICATION = '00000000-0000-4000-8000-00000000dead';

/** An allowed number and capability, unbound (the state found is restored afterwards). */
async function unbound(
  number = settings.numbers[0] as string,
  capability = capabilitiesOf(state.found(), number)[0] ?? 'voice',
) {
  const key = bindingKey(number, capability);
  const holder = (await accountState()).bindings[key];
  if (holder) await liveClient().unassignNumber({ number, applicationKey: holder, capability });
  return { number, capability, key };
}

/** A valid number that the project's list does not show. */
async function unownedNumber(): Promise<string> {
  const listed = new Set((await liveClient().listNumbers()).map((entry) => entry.number));
  const candidate = ['+12025550143', '+12025550167', '+12025550189', '+13125550134'].find(
    (number) => !listed.has(number),
  );
  if (!candidate) throw new Error('every candidate unowned number is in the project');
  return candidate;
}

async function apiError(promise: Promise<unknown>): Promise<{ status: number; errorCode: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SinchApiError) return { status: error.status, errorCode: error.errorCode };
    throw error;
  }
  throw new Error('the API accepted the call');
}

withOtherApplication(
  "S1: assigning a number that another application holds moves it (204), with the configured application's credentials",
  async () => {
    const other = settings.otherApplicationKey as string;
    const { number, capability, key } = await unbound();
    await liveClient().assignNumbers({ numbers: [number], applicationKey: other, capability });
    expect((await accountState()).bindings[key]).toBe(other);
    await liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability });
    expect((await accountState()).bindings[key]).toBe(settings.applicationKey);
    await expect(liveClient().getCallbacks(other)).resolves.toBeDefined();
  },
);

it('S2: unassigning a number the application does not hold answers 400/40001 and changes nothing', async () => {
  const { number, capability, key } = await unbound();
  expect(await apiError(liveClient().unassignNumber({ number, capability }))).toEqual({
    status: 400,
    errorCode: 40001,
  });
  expect((await accountState()).bindings[key]).toBeNull();
});

it('S3: a callbacks update that omits fallback keeps it; "" clears it, and so does null', async () => {
  const client = liveClient();
  const primary = 'https://live-suite.example.com/s3';
  const fallback = 'https://live-suite.example.com/s3-fallback';
  await client.updateCallbacks(settings.applicationKey, { primary, fallback });
  await client.updateCallbacks(settings.applicationKey, { primary });
  expect(await client.getCallbacks(settings.applicationKey)).toEqual({ primary, fallback });
  await client.updateCallbacks(settings.applicationKey, { primary, fallback: '' });
  expect(await client.getCallbacks(settings.applicationKey)).toEqual({ primary });
  await client.updateCallbacks(settings.applicationKey, { primary, fallback });
  expect(
    statusOf(
      await rawRequest({
        method: 'POST',
        path: callbacksPath(settings.applicationKey),
        body: { url: { primary, fallback: null } },
      }),
    ).status,
  ).toBe(204);
  expect(await client.getCallbacks(settings.applicationKey)).toEqual({ primary });
});

it('S4: callback URLs are not validated: a string that is no URL is stored as given', async () => {
  const answer = await rawRequest({
    method: 'POST',
    path: callbacksPath(settings.applicationKey),
    body: { url: { primary: 'live-suite: not a URL' } },
  });
  expect(statusOf(answer).status).toBe(204);
  expect((await liveClient().getCallbacks(settings.applicationKey)).primary).toBe('live-suite: not a URL');
});

it('S5: x-timestamp may be up to 15 minutes off: 14 minutes old is accepted, 16 minutes old is 401/40101', async () => {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  expect(statusOf(await rawRequest({ method: 'GET', path: NUMBERS_PATH, timestamp: minutesAgo(14) })).status).toBe(200);
  expect(statusOf(await rawRequest({ method: 'GET', path: NUMBERS_PATH, timestamp: minutesAgo(16) }))).toEqual({
    status: 401,
    errorCode: 40101,
  });
});

it('S6: an application key the project does not have is 400/40003, in the callbacks path and in an assign body', async () => {
  expect(statusOf(await rawRequest({ method: 'GET', path: callbacksPath(UNKNOWN_APPLICATION) }))).toEqual({
    status: 400,
    errorCode: 40003,
  });
  const { number, capability, key } = await unbound();
  const assign = await rawRequest({
    method: 'POST',
    path: NUMBERS_PATH,
    body: { numbers: [number], applicationkey: UNKNOWN_APPLICATION, capability },
  });
  expect(statusOf(assign)).toEqual({ status: 400, errorCode: 40003 });
  expect((await accountState()).bindings[key]).toBeNull();
});

it('S7: assigning a number the project does not own is 400/40001', async () => {
  const number = await unownedNumber();
  expect(
    await apiError(liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey })),
  ).toEqual({ status: 400, errorCode: 40001 });
});

withSingleCapabilityNumber(
  'S8: assigning a number with a capability it does not support is 400/40001 (needs an allowed number listed without one)',
  async () => {
    const found = state.found();
    const number = singleCapabilityNumber as string;
    const missing = capabilitiesOf(found, number)[0] === 'voice' ? 'sms' : 'voice';
    expect(
      await apiError(
        liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability: missing }),
      ),
    ).toEqual({
      status: 400,
      errorCode: 40001,
    });
    expect((await accountState()).bindings).toEqual(found.bindings);
  },
);

it('S9: one assign call is all or nothing: with one number refused, the allowed one stays unbound', async () => {
  const { number, capability, key } = await unbound();
  const refused = await unownedNumber();
  expect(
    await apiError(
      liveClient().assignNumbers({ numbers: [number, refused], applicationKey: settings.applicationKey, capability }),
    ),
  ).toEqual({
    status: 400,
    errorCode: 40001,
  });
  expect((await accountState()).bindings[key]).toBeNull();
});

withOtherApplication(
  'S10: field names are read case-insensitively: "applicationKey" names the application as "applicationkey" does',
  async () => {
    const other = settings.otherApplicationKey as string;
    const { number, capability, key } = await unbound();
    const answer = await rawRequest({
      method: 'POST',
      path: NUMBERS_PATH,
      body: { numbers: [number], applicationKey: other, capability },
    });
    expect(statusOf(answer).status).toBe(204);
    expect((await accountState()).bindings[key]).toBe(other);
  },
);

withDualCapabilityNumber(
  'S11: an unassign without capability removes every binding the application holds on the number (needs an allowed voice+sms number)',
  async () => {
    const number = dualCapabilityNumber as string;
    for (const capability of ['voice', 'sms'] as const) {
      await unbound(number, capability);
      await liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability });
    }
    await liveClient().unassignNumber({ number });
    const { bindings } = await accountState();
    expect([bindings[bindingKey(number, 'voice')], bindings[bindingKey(number, 'sms')]]).toEqual([null, null]);
  },
);

it('S12 and S13: writes show in the very next list call, and an unbound number is still listed (without applicationkey)', async () => {
  const { number, capability, key } = await unbound();
  expect((await accountState()).bindings[key]).toBeNull();
  await liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability });
  expect((await accountState()).bindings[key]).toBe(settings.applicationKey);
  await liveClient().unassignNumber({ number, capability });
  const listed = await liveClient().listNumbers();
  expect(listed.filter((entry) => entry.number === number && entry.capability === capability)).toEqual([
    { number, capability },
  ]);
});

it('S14: Basic authentication also takes the legacy user name application\\<key>', async () => {
  expect(
    statusOf(
      await rawRequest({ method: 'GET', path: NUMBERS_PATH, basicUser: `application\\${settings.applicationKey}` }),
    ).status,
  ).toBe(200);
});

it('S15: another method on a known path is 405/40500', async () => {
  expect(statusOf(await rawRequest({ method: 'PUT', path: NUMBERS_PATH }))).toEqual({ status: 405, errorCode: 40500 });
});

it('S16: a body that is not JSON is 400/40001', async () => {
  expect(statusOf(await rawRequest({ method: 'POST', path: NUMBERS_PATH, body: 'live-suite: not JSON' }))).toEqual({
    status: 400,
    errorCode: 40001,
  });
});

it('S17: an assign with an empty numbers list is 400/40002', async () => {
  expect(statusOf(await rawRequest({ method: 'POST', path: NUMBERS_PATH, body: { numbers: [] } }))).toEqual({
    status: 400,
    errorCode: 40002,
  });
});

it('S18: error answers have an integer errorCode, a status text, a message and a reference', async () => {
  const answer = await rawRequest({ method: 'GET', path: callbacksPath(UNKNOWN_APPLICATION) });
  expect(answer.json).toEqual({
    status: expect.stringMatching(/^4\d\d \S+/),
    errorCode: expect.any(Number),
    message: expect.any(String),
    reference: expect.any(String),
  });
});
