import { APP_A, APP_B, FOREIGN_NUMBER, SMS_ONLY, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, rawRequest, sharedSimulator, signedCall, simulatorState, type RawResponse } from '../support/simulator';

const simulator = sharedSimulator();

const NUMBERS_PATH = '/v1/configuration/numbers';
const callbacksPath = (key: string) => `/v1/configuration/callbacks/applications/${key}`;

function expectError(response: RawResponse, status: number, errorCode: number, message: RegExp): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.json).toEqual({
    status: expect.stringMatching(new RegExp(`^${status} [A-Za-z]+$`)),
    errorCode,
    message: expect.stringMatching(message),
    reference: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
}

describe('assign (POST /v1/configuration/numbers)', () => {
  it('binds numbers and answers 204 with an empty body; list shows lower-case applicationkey', async () => {
    const response = await signedCall(simulator, 'POST', NUMBERS_PATH, {
      numbers: [VOICE_ONLY, VOICE_ONLY_2],
      applicationkey: APP_B.key,
      capability: 'voice',
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    const list = await signedCall(simulator, 'GET', NUMBERS_PATH);
    expect(list.json).toEqual({
      numbers: [
        { number: VOICE_ONLY, applicationkey: APP_B.key, capability: 'voice' },
        { number: VOICE_ONLY_2, applicationkey: APP_B.key, capability: 'voice' },
        { number: VOICE_AND_SMS, capability: 'voice' },
        { number: VOICE_AND_SMS, capability: 'sms' },
        { number: SMS_ONLY, capability: 'sms' },
      ],
    });
  });

  it('an empty or absent application key means the calling application', async () => {
    await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationkey: '' }, APP_B);
    await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY_2] }, APP_B);
    expect((await simulatorState(simulator)).bindings).toEqual({
      [`${VOICE_ONLY}/voice`]: APP_B.key,
      [`${VOICE_ONLY_2}/voice`]: APP_B.key,
    });
  });

  it('accepts the camelCase applicationKey that legacy clients send', async () => {
    expect(
      (await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationKey: APP_B.key })).status,
    ).toBe(204);
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
  });

  it('moves a number that another application holds (move semantics)', async () => {
    await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationkey: APP_A.key });
    expect(
      (await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationkey: APP_B.key })).status,
    ).toBe(204);
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_B.key);
  });

  it('binds the sms capability of a number that supports it, separately from voice', async () => {
    await signedCall(simulator, 'POST', NUMBERS_PATH, {
      numbers: [VOICE_AND_SMS],
      applicationkey: APP_A.key,
      capability: 'voice',
    });
    await signedCall(simulator, 'POST', NUMBERS_PATH, {
      numbers: [VOICE_AND_SMS],
      applicationkey: APP_B.key,
      capability: 'sms',
    });
    expect((await simulatorState(simulator)).bindings).toEqual({
      [`${VOICE_AND_SMS}/voice`]: APP_A.key,
      [`${VOICE_AND_SMS}/sms`]: APP_B.key,
    });
  });

  it('no numbers field: 400/40002', async () => {
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { applicationkey: APP_A.key }),
      400,
      40002,
      /numbers/,
    );
  });

  it('an empty numbers list: 400/40002', async () => {
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [] }), 400, 40002, /numbers/);
  });

  it('more than 100 numbers: 400/40001, and nothing changes', async () => {
    const numbers = Array.from({ length: 101 }, () => VOICE_ONLY);
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers }), 400, 40001, /101 items; at most 100/);
    expect((await simulatorState(simulator)).bindings).toEqual({});
  });

  it('exactly 100 numbers are accepted', async () => {
    const numbers = Array.from({ length: 100 }, () => VOICE_ONLY);
    expect((await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers })).status).toBe(204);
  });

  it('a number without its leading plus: 400/40005', async () => {
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: ['12012222222'] }),
      400,
      40005,
      /leading plus/,
    );
  });

  it.each(['+1 201 222 2222', '+0123456', '+1234567890123456', 'call me'])(
    'a number not in E.164 (%s): 400/40001',
    async (number) => {
      expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [number] }), 400, 40001, /E\.164/);
    },
  );

  it('numbers given as a string instead of a list: 400/40001', async () => {
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: VOICE_ONLY }), 400, 40001, /array/);
  });

  it('a capability outside the enum: 400/40001', async () => {
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], capability: 'fax' }),
      400,
      40001,
      /capability/,
    );
  });

  it('a number that does not support the capability: 400/40001, and no other number in the call changes', async () => {
    const response = await signedCall(simulator, 'POST', NUMBERS_PATH, {
      numbers: [VOICE_AND_SMS, VOICE_ONLY],
      capability: 'sms',
    });
    expectError(response, 400, 40001, /\+12012222222 does not support the sms capability/);
    expect((await simulatorState(simulator)).bindings).toEqual({});
  });

  it('a number the project does not own: 400/40001', async () => {
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [FOREIGN_NUMBER] }),
      400,
      40001,
      /not a number of this project/,
    );
  });

  it('an unknown application key: 400/40003', async () => {
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationkey: 'nobody' }),
      400,
      40003,
      /Invalid Application Key/,
    );
  });

  it('a body that is not JSON: 400/40001', async () => {
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, '{"numbers":'), 400, 40001, /not valid JSON/);
  });

  it('an empty body: 400/40002', async () => {
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, ''), 400, 40002, /request data missing/);
  });
});

describe('unassign (DELETE /v1/configuration/numbers)', () => {
  beforeEach(() => admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key }));

  it('removes the binding; the field is the singular number', async () => {
    expect(
      (
        await signedCall(simulator, 'DELETE', NUMBERS_PATH, {
          number: VOICE_ONLY,
          applicationkey: APP_A.key,
          capability: 'voice',
        })
      ).status,
    ).toBe(204);
    expect((await simulatorState(simulator)).bindings).toEqual({});
  });

  it('without an application key, unassigns from the calling application', async () => {
    expect((await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: VOICE_ONLY })).status).toBe(204);
  });

  it('a number bound to another application: 400/40001, and the binding stays', async () => {
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: VOICE_ONLY, applicationkey: APP_B.key }),
      400,
      40001,
      /not assigned to application/,
    );
    expect((await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`]).toBe(APP_A.key);
  });

  it('no number: 400/40002', async () => {
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { applicationkey: APP_A.key }),
      400,
      40002,
      /number is missing/,
    );
  });

  it('a number without its plus: 400/40005', async () => {
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: '12012222222' }),
      400,
      40005,
      /leading plus/,
    );
  });

  it('an unknown application key: 400/40003', async () => {
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: VOICE_ONLY, applicationkey: 'nobody' }),
      400,
      40003,
      /nobody/,
    );
  });

  it('a number the project does not own: 400/40001', async () => {
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: FOREIGN_NUMBER }),
      400,
      40001,
      /not a number of this project/,
    );
  });
});

describe('callbacks (/v1/configuration/callbacks/applications/{key})', () => {
  it('round-trips primary and fallback inside the url wrapper', async () => {
    const urls = { primary: 'https://example.com/voice', fallback: 'https://backup.example.com/voice' };
    expect((await signedCall(simulator, 'POST', callbacksPath(APP_B.key), { url: urls })).status).toBe(204);
    const response = await signedCall(simulator, 'GET', callbacksPath(APP_B.key));
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ url: urls });
  });

  it('an omitted fallback is kept; an empty one is cleared', async () => {
    await signedCall(simulator, 'POST', callbacksPath(APP_A.key), {
      url: { primary: 'https://a.example/1', fallback: 'https://a.example/2' },
    });
    await signedCall(simulator, 'POST', callbacksPath(APP_A.key), { url: { primary: 'https://a.example/3' } });
    expect((await signedCall(simulator, 'GET', callbacksPath(APP_A.key))).json).toEqual({
      url: { primary: 'https://a.example/3', fallback: 'https://a.example/2' },
    });
    await signedCall(simulator, 'POST', callbacksPath(APP_A.key), {
      url: { primary: 'https://a.example/3', fallback: '' },
    });
    expect((await signedCall(simulator, 'GET', callbacksPath(APP_A.key))).json).toEqual({
      url: { primary: 'https://a.example/3' },
    });
  });

  it('an application with no callbacks answers an empty url object', async () => {
    expect((await signedCall(simulator, 'GET', callbacksPath(APP_A.key))).json).toEqual({ url: {} });
  });

  it('an unknown application in the path: 400/40003 on GET and POST', async () => {
    expectError(await signedCall(simulator, 'GET', callbacksPath('nobody')), 400, 40003, /nobody/);
    expectError(
      await signedCall(simulator, 'POST', callbacksPath('nobody'), { url: { primary: 'https://x.example' } }),
      400,
      40003,
      /nobody/,
    );
  });

  it('with unknownApplicationStatus 404 (PUT /_sim/variants): 404/40400 on GET and POST, on assign and unassign, and nothing changes', async () => {
    expect(await admin(simulator, 'GET', 'variants')).toEqual({ unknownApplicationStatus: 400 });
    expect(await admin(simulator, 'PUT', 'variants', { unknownApplicationStatus: 404 })).toEqual({
      unknownApplicationStatus: 404,
    });
    const before = await simulatorState(simulator);
    expectError(await signedCall(simulator, 'GET', callbacksPath('nobody')), 404, 40400, /not found/);
    expectError(
      await signedCall(simulator, 'POST', callbacksPath('nobody'), { url: { primary: 'https://x.example' } }),
      404,
      40400,
      /not found/,
    );
    expectError(
      await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [VOICE_ONLY], applicationkey: 'nobody' }),
      404,
      40400,
      /not found/,
    );
    expectError(
      await signedCall(simulator, 'DELETE', NUMBERS_PATH, { number: VOICE_ONLY, applicationkey: 'nobody' }),
      404,
      40400,
      /not found/,
    );
    // Only the unknown application answers so: other refusals keep their codes.
    expectError(await signedCall(simulator, 'POST', NUMBERS_PATH, { numbers: [FOREIGN_NUMBER] }), 400, 40001, /./);
    expect(await simulatorState(simulator)).toEqual(before);
    await admin(simulator, 'POST', 'reset');
    expectError(await signedCall(simulator, 'GET', callbacksPath('nobody')), 400, 40003, /nobody/);
  });

  it.each([
    [{ unknownApplicationStatus: 403 }, 'unknownApplicationStatus must be 400 or 404'],
    [{ unknownApplicationStatus: '404' }, 'unknownApplicationStatus'],
    [{ other: 1 }, 'other is not a variant'],
  ])('PUT /_sim/variants %p is refused, naming the field', async (body, message) => {
    const answer = await rawRequest(simulator.url, {
      method: 'PUT',
      path: '/_sim/variants',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toContain(message);
  });

  it('a body without url: 400/40002', async () => {
    expectError(
      await signedCall(simulator, 'POST', callbacksPath(APP_A.key), { primary: 'https://x.example' }),
      400,
      40002,
      /url is missing/,
    );
  });

  it('a URL that is not a string: 400/40001', async () => {
    expectError(
      await signedCall(simulator, 'POST', callbacksPath(APP_A.key), { url: { primary: 42 } }),
      400,
      40001,
      /url\.primary must be a string/,
    );
  });
});

describe('query number (GET /v1/calling/query/number/{number})', () => {
  it('derives the country and type from the number, with a rate', async () => {
    const response = await signedCall(simulator, 'GET', '/v1/calling/query/number/+46701234567');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      method: 'numberItem',
      number: {
        countryId: 'SE',
        numberType: 'Mobile',
        normalizedNumber: '+46701234567',
        restricted: false,
        rate: { currencyId: 'USD', amount: expect.any(Number) },
      },
    });
  });

  it('a fixed line in France', async () => {
    expect((await signedCall(simulator, 'GET', '/v1/calling/query/number/+33142685300')).json).toMatchObject({
      number: { countryId: 'FR', numberType: 'Fixed' },
    });
  });

  it('an invalid number: 400/40001', async () => {
    expectError(
      await signedCall(simulator, 'GET', '/v1/calling/query/number/+1234'),
      400,
      40001,
      /Invalid number specified/,
    );
  });

  it('a number without its plus: 400/40005', async () => {
    expectError(await signedCall(simulator, 'GET', '/v1/calling/query/number/46701234567'), 400, 40005, /leading plus/);
  });
});

describe('routes', () => {
  it('an unknown path: 404/40400', async () => {
    expectError(await signedCall(simulator, 'GET', '/v1/configuration/nothing'), 404, 40400, /not found/);
  });

  it('a wrong method on a known path: 405', async () => {
    expect((await signedCall(simulator, 'PUT', NUMBERS_PATH, { numbers: [VOICE_ONLY] })).status).toBe(405);
  });

  it('the admin surface hides secrets', async () => {
    const response = await rawRequest(simulator.url, { method: 'GET', path: '/_sim/state' });
    expect(response.text).not.toContain(APP_A.secret);
    expect(response.json).toMatchObject({ applications: [{ key: APP_A.key }, { key: APP_B.key }] });
  });
});
