import { applicationAuthorization, basicAuthorization } from '../../provider';
import { APP_A, APP_B, VOICE_ONLY } from '../support/fixtures';
import { admin, rawRequest, sharedSimulator, startTestSimulator } from '../support/simulator';

const simulator = sharedSimulator();

/** Timestamps as each SDK formats the same instant. */
const timestampFormats = {
  node: (date: Date) => date.toISOString(),
  java: (date: Date) => date.toISOString().replace('Z', '123456Z'),
  dotnet: (date: Date) => date.toISOString().replace('Z', '9372Z'),
  python: (date: Date) => date.toISOString().replace('Z', '219+00:00'),
  seconds: (date: Date) => date.toISOString().replace(/\.\d+Z$/, 'Z'),
};

interface Shape {
  sdk: string;
  /** Content-Type sent on a request without a body; undefined sends none. */
  getContentType?: string;
  bodyContentType: string;
  timestamp: (date: Date) => string;
}

const SDK_SHAPES: Shape[] = [
  {
    sdk: 'Node',
    getContentType: 'application/json',
    bodyContentType: 'application/json',
    timestamp: timestampFormats.node,
  },
  { sdk: 'Java', bodyContentType: 'application/json', timestamp: timestampFormats.java },
  { sdk: '.NET', bodyContentType: 'application/json; charset=utf-8', timestamp: timestampFormats.dotnet },
  {
    sdk: 'Python',
    getContentType: 'application/json; charset=UTF-8',
    bodyContentType: 'application/json; charset=UTF-8',
    timestamp: timestampFormats.python,
  },
];

function signedRequest(
  shape: Pick<Shape, 'timestamp'> & { contentType?: string },
  method: string,
  path: string,
  body?: string,
  options: { at?: Date; application?: typeof APP_A; signedPath?: string } = {},
) {
  const application = options.application ?? APP_A;
  const timestamp = shape.timestamp(options.at ?? new Date());
  const headers: Record<string, string> = { 'x-timestamp': timestamp };
  if (shape.contentType !== undefined) headers['Content-Type'] = shape.contentType;
  headers.Authorization = applicationAuthorization(application.key, application.secret, {
    method,
    path: options.signedPath ?? path.split('?')[0] ?? path,
    contentType: shape.contentType ?? '',
    timestamp,
    body,
  });
  return rawRequest(simulator.url, { method, path, headers, body });
}

describe.each(SDK_SHAPES)('requests shaped like the $sdk SDK', (shape) => {
  it('GET list numbers is accepted', async () => {
    const response = await signedRequest(
      { ...shape, contentType: shape.getContentType },
      'GET',
      '/v1/configuration/numbers',
    );
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.json).toEqual({ numbers: expect.arrayContaining([{ number: VOICE_ONLY, capability: 'voice' }]) });
  });

  it('POST assign with a body is accepted and answers 204 with no body', async () => {
    const body = JSON.stringify({ numbers: [VOICE_ONLY], applicationkey: APP_B.key, capability: 'voice' });
    const response = await signedRequest(
      { ...shape, contentType: shape.bodyContentType },
      'POST',
      '/v1/configuration/numbers',
      body,
    );
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
  });

  it('DELETE unassign with a body is accepted', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    const body = JSON.stringify({ number: VOICE_ONLY, applicationkey: APP_B.key });
    const response = await signedRequest(
      { ...shape, contentType: shape.bodyContentType },
      'DELETE',
      '/v1/configuration/numbers',
      body,
    );
    expect(response.text).toBe('');
    expect(response.status).toBe(204);
  });
});

describe('signed requests that must be refused', () => {
  const node = { timestamp: timestampFormats.node, contentType: 'application/json' };

  it('a forged signature: 401/40102', async () => {
    const response = await signedRequest(node, 'GET', '/v1/configuration/numbers', undefined, {
      signedPath: '/v1/configuration/other',
    });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({
      errorCode: 40102,
      status: expect.stringMatching(/^401 /),
      message: expect.any(String),
      reference: expect.any(String),
    });
  });

  it('signed with another application secret: 401/40102', async () => {
    const timestamp = new Date().toISOString();
    const authorization = applicationAuthorization(APP_A.key, APP_B.secret, {
      method: 'GET',
      path: '/v1/configuration/numbers',
      contentType: '',
      timestamp,
    });
    const response = await rawRequest(simulator.url, {
      method: 'GET',
      path: '/v1/configuration/numbers',
      headers: { 'x-timestamp': timestamp, Authorization: authorization },
    });
    expect(response.json).toMatchObject({ errorCode: 40102 });
  });

  it('a body changed after signing: 401/40102', async () => {
    const timestamp = new Date().toISOString();
    const signed = JSON.stringify({ numbers: [VOICE_ONLY] });
    const authorization = applicationAuthorization(APP_A.key, APP_A.secret, {
      method: 'POST',
      path: '/v1/configuration/numbers',
      contentType: 'application/json',
      timestamp,
      body: signed,
    });
    const response = await rawRequest(simulator.url, {
      method: 'POST',
      path: '/v1/configuration/numbers',
      headers: { 'x-timestamp': timestamp, Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify({ numbers: [VOICE_ONLY], applicationkey: APP_B.key }),
    });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ errorCode: 40102 });
  });

  it('a Content-Type other than the one signed: 401/40102', async () => {
    const timestamp = new Date().toISOString();
    const authorization = applicationAuthorization(APP_A.key, APP_A.secret, {
      method: 'GET',
      path: '/v1/configuration/numbers',
      contentType: 'application/json',
      timestamp,
    });
    const response = await rawRequest(simulator.url, {
      method: 'GET',
      path: '/v1/configuration/numbers',
      headers: {
        'x-timestamp': timestamp,
        Authorization: authorization,
        'Content-Type': 'application/json; charset=utf-8',
      },
    });
    expect(response.json).toMatchObject({ errorCode: 40102 });
  });

  it('a stale timestamp, 16 minutes old: 401/40101', async () => {
    const response = await signedRequest(node, 'GET', '/v1/configuration/numbers', undefined, {
      at: new Date(Date.now() - 16 * 60_000),
    });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ errorCode: 40101 });
  });

  it('a timestamp from the future beyond the skew: 401/40101', async () => {
    const response = await signedRequest(node, 'GET', '/v1/configuration/numbers', undefined, {
      at: new Date(Date.now() + 16 * 60_000),
    });
    expect(response.json).toMatchObject({ errorCode: 40101 });
  });

  it('a timestamp 14 minutes old is inside the default window', async () => {
    const response = await signedRequest(node, 'GET', '/v1/configuration/numbers', undefined, {
      at: new Date(Date.now() - 14 * 60_000),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['not ISO-8601', 'Wed, 04 Jun 2014 13:41:58 GMT'],
    ['without a zone', '2014-06-04T13:41:58'],
  ])('a timestamp %s: 401/40101', async (_case, timestamp) => {
    const headers: Record<string, string> = {
      Authorization: applicationAuthorization(APP_A.key, APP_A.secret, {
        method: 'GET',
        path: '/v1/configuration/numbers',
        contentType: '',
        timestamp: timestamp ?? '',
      }),
    };
    if (timestamp) headers['x-timestamp'] = timestamp;
    const response = await rawRequest(simulator.url, { method: 'GET', path: '/v1/configuration/numbers', headers });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ errorCode: 40101 });
  });

  it('an unknown application key: 401/40102', async () => {
    const response = await signedRequest(node, 'GET', '/v1/configuration/numbers', undefined, {
      application: { key: 'not-an-app', secret: APP_A.secret },
    });
    expect(response.json).toMatchObject({ errorCode: 40102 });
  });
});

describe('the clock-skew window is configurable', () => {
  it('a 2-minute window refuses a 3-minute-old request that the default accepts', async () => {
    const strict = await startTestSimulator({ clockSkewMs: 2 * 60_000 });
    try {
      const timestamp = new Date(Date.now() - 3 * 60_000).toISOString();
      const headers = {
        'x-timestamp': timestamp,
        Authorization: applicationAuthorization(APP_A.key, APP_A.secret, {
          method: 'GET',
          path: '/v1/configuration/numbers',
          contentType: '',
          timestamp,
        }),
      };
      expect(
        (await rawRequest(strict.url, { method: 'GET', path: '/v1/configuration/numbers', headers })).json,
      ).toMatchObject({ errorCode: 40101 });
      expect(
        (await rawRequest(simulator.url, { method: 'GET', path: '/v1/configuration/numbers', headers })).status,
      ).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('unsigned, wrongly-schemed and Basic requests', () => {
  const list = (headers: Record<string, string>) =>
    rawRequest(simulator.url, { method: 'GET', path: '/v1/configuration/numbers', headers });

  it('no Authorization header: 401/40100', async () => {
    const response = await list({});
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ errorCode: 40100 });
  });

  it('a garbled Authorization header: 401/40100', async () => {
    expect((await list({ Authorization: 'Application' })).json).toMatchObject({ errorCode: 40100 });
  });

  it('a Bearer token: 403/40301', async () => {
    const response = await list({ Authorization: 'Bearer abc.def.ghi' });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ errorCode: 40301 });
  });

  it('Basic with the right key and secret is accepted', async () => {
    expect((await list({ Authorization: basicAuthorization(APP_B.key, APP_B.secret) })).status).toBe(200);
  });

  it('Basic with the legacy application\\ user-name prefix is accepted', async () => {
    expect((await list({ Authorization: basicAuthorization(`application\\${APP_A.key}`, APP_A.secret) })).status).toBe(
      200,
    );
  });

  it('Basic with a wrong secret: 401/40108', async () => {
    const response = await list({ Authorization: basicAuthorization(APP_A.key, APP_B.secret) });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ errorCode: 40108 });
  });

  it('Basic with an unknown key: 401/40108', async () => {
    expect((await list({ Authorization: basicAuthorization('nobody', APP_A.secret) })).json).toMatchObject({
      errorCode: 40108,
    });
  });
});
