import fc from 'fast-check';
import {
  applicationAuthorization,
  basicAuthorization,
  contentMd5,
  isBase64Secret,
  type SignableRequest,
} from '../../provider';
import { authenticate } from '../../simulator/authentication';

interface Vector {
  name: string;
  key: string;
  secret: string;
  request: SignableRequest;
  md5?: string;
  authorization: string;
}

// The published vectors of the reference §3.4, copied exactly.
const VECTORS: Vector[] = [
  {
    name: 'Voice/SMS docs',
    key: '5F5C418A0F914BBC8234A9BF5EDDAD97',
    secret: 'JViE5vDor0Sw3WllZka15Q==',
    request: {
      method: 'POST',
      path: '/v1/sms/+46700000000',
      contentType: 'application/json',
      timestamp: '2014-06-04T13:41:58Z',
      body: '{"message":"Hello world"}',
    },
    md5: 'jANzQ+rgAHyf1MWQFSwvYw==',
    authorization: 'Application 5F5C418A0F914BBC8234A9BF5EDDAD97:qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM=',
  },
  {
    name: 'Voice/SMS docs body with the DOCSIGN resource',
    key: '5F5C418A0F914BBC8234A9BF5EDDAD97',
    secret: 'JViE5vDor0Sw3WllZka15Q==',
    request: {
      method: 'POST',
      path: '/calling/v1/callouts',
      contentType: 'application/json',
      timestamp: '2014-06-04T13:41:58Z',
      body: '{"message":"Hello world"}',
    },
    authorization: 'Application 5F5C418A0F914BBC8234A9BF5EDDAD97:aS9fG2smJx6MIhPJDSNiaDQ1D3+e493HuL+VVA9pqyM=',
  },
  {
    name: 'Voice callback signing',
    key: '669E367E-6BBA-48AB-AF15-266871C28135',
    secret: 'BeIukql3pTKJ8RGL5zo0DA==',
    request: {
      method: 'POST',
      path: '/sinch/callback/ace',
      contentType: 'application/json',
      timestamp: '2014-09-24T10:59:41Z',
      body: '{"event":"ace","callid":"822aa4b7-05b4-4d83-87c7-1f835ee0b6f6_257","timestamp":"2014-09-24T10:59:41Z","version":1}',
    },
    md5: 'REWF+X220L4/Gw1spXOU7g==',
    authorization: 'Application 669E367E-6BBA-48AB-AF15-266871C28135:Tg6fMyo8mj9pYfWQ9ssbx3Tc1BNC87IEygAfLbJqZb4=',
  },
  {
    name: 'Node + Java SDK, with a body',
    key: 'my-key-id',
    secret: 'bXkta2V5LXNlY3JldA==',
    request: {
      method: 'POST',
      path: '/path/pathParamValue',
      contentType: 'application/json; charset=UTF-8',
      timestamp: '2023-11-22T09:10:11.999Z',
      body: '{"identity":{"type":"number","endpoint":"+33444555666"},"method":"sms"}',
    },
    md5: 'RkD29EocJh6t7zr5QfKM4g==',
    authorization: 'Application my-key-id:QP3OzQZVzRZAEev6DBLvJkgpiqyZPuXYsc7oyjUV0K8=',
  },
  {
    name: 'Node SDK, GET with no body',
    key: 'my-key-id',
    secret: 'bXkta2V5LXNlY3JldA==',
    request: {
      method: 'GET',
      path: '/path/pathParamValue',
      contentType: 'application/json',
      timestamp: '2023-11-22T09:10:11.999Z',
    },
    authorization: 'Application my-key-id:nsrLDvP6KVD/dAxb3IfAncdwjPFJVWSrseEFOcZge+A=',
  },
  {
    name: '.NET SDK, with a spaced body',
    key: '669E367E-6BBA-48AB-AF15-266871C28135',
    secret: 'BeIukql3pTKJ8RGL5zo0DA==',
    request: {
      method: 'POST',
      path: '/verification/v1/verifications',
      contentType: 'application/json',
      timestamp: '2014-06-04T13:41:58Z',
      body: '{"identity": {"type": "number", "endpoint": "+46700000000"}, "method": "sms"}',
    },
    authorization: 'Application 669E367E-6BBA-48AB-AF15-266871C28135:h6rXrFayOoggyHW4ymnLlfSDkZZPg6j98lHzvOXVjvw=',
  },
  {
    name: '.NET SDK, POST with an empty body',
    key: '669E367E-6BBA-48AB-AF15-266871C28135',
    secret: 'BeIukql3pTKJ8RGL5zo0DA==',
    request: {
      method: 'POST',
      path: '/verification/v1/verifications',
      contentType: 'application/json',
      timestamp: '2014-06-04T13:41:58Z',
      body: '',
    },
    authorization: 'Application 669E367E-6BBA-48AB-AF15-266871C28135:srx3SkKXw/ryFJLfwFFzZTigPxR/1+9Ae+eB3olDIjM=',
  },
];

function verify(
  vector: { key: string; secret: string; request: SignableRequest },
  authorization: string,
  now = Date.parse(vector.request.timestamp),
) {
  return authenticate(
    {
      method: vector.request.method,
      target: vector.request.path,
      authorization,
      contentType: vector.request.contentType || undefined,
      timestamp: vector.request.timestamp,
      body: Buffer.from(vector.request.body ?? ''),
    },
    { secrets: new Map([[vector.key, vector.secret]]), clockSkewMs: 15 * 60_000, now: () => now },
  );
}

describe('the published signing vectors', () => {
  it.each(VECTORS)('$name: the client signer reproduces the Authorization header exactly', (vector) => {
    expect(applicationAuthorization(vector.key, vector.secret, vector.request)).toBe(vector.authorization);
    if (vector.md5) expect(contentMd5(vector.request.body)).toBe(vector.md5);
  });

  it.each(VECTORS)('$name: the simulator verifier accepts it and names the application', (vector) => {
    expect(verify(vector, vector.authorization)).toBe(vector.key);
  });

  it.each(VECTORS)(
    '$name: the verifier refuses it with one bit of the signature changed, first byte or last',
    (vector) => {
      const prefix = vector.authorization.slice(0, vector.authorization.lastIndexOf(':') + 1);
      const signature = Buffer.from(vector.authorization.slice(prefix.length), 'base64');
      for (const at of [0, signature.length - 1]) {
        // Forge the decoded bytes: a changed base64 character can decode to the same bytes (its padding bits).
        const bytes = Buffer.from(signature);
        bytes[at] = (bytes[at] as number) ^ 1;
        expect(bytes.equals(signature)).toBe(false);
        expect(() => verify(vector, `${prefix}${bytes.toString('base64')}`)).toThrow(
          expect.objectContaining({ httpStatus: 401, errorCode: 40102 }),
        );
      }
    },
  );

  it('the lower-case scheme of the callback docs is accepted too', () => {
    const vector = VECTORS[2] as Vector;
    expect(verify(vector, vector.authorization.replace('Application', 'application'))).toBe(vector.key);
  });

  it('Basic is base64 of key:secret, secret as typed', () => {
    expect(basicAuthorization('appKey', 'appSecret')).toBe('Basic YXBwS2V5OmFwcFNlY3JldA==');
  });

  it('an empty or absent body has an empty Content-MD5', () => {
    expect(contentMd5(undefined)).toBe('');
    expect(contentMd5('')).toBe('');
  });

  it('only strict padded base64 counts as a signing secret', () => {
    expect(isBase64Secret('JViE5vDor0Sw3WllZka15Q==')).toBe(true);
    expect(isBase64Secret('app-secret')).toBe(false);
    expect(isBase64Secret('JViE5vDor0Sw3WllZka15Q')).toBe(false);
    expect(isBase64Secret('')).toBe(false);
  });
});

describe('signer and verifier agree on any request', () => {
  const secretArbitrary = fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) => Buffer.from(bytes).toString('base64'));
  const requestArbitrary = fc.record({
    method: fc.constantFrom('GET', 'POST', 'DELETE'),
    path: fc
      .array(fc.stringMatching(/^[A-Za-z0-9+\-_.]{1,12}$/), { minLength: 1, maxLength: 5 })
      .map((parts) => `/${parts.join('/')}`),
    contentType: fc.constantFrom(
      '',
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
    ),
    body: fc.option(fc.json(), { nil: undefined }),
  });

  it('a signed request verifies, and the same request with another body does not', () => {
    fc.assert(
      fc.property(secretArbitrary, requestArbitrary, fc.string({ minLength: 1 }), (secret, partial, tamper) => {
        const request: SignableRequest = { ...partial, timestamp: '2024-01-19T09:19:28.937Z' };
        const vector = { key: 'key', secret, request };
        const authorization = applicationAuthorization('key', secret, request);
        expect(verify(vector, authorization)).toBe('key');
        const tampered = { ...vector, request: { ...request, body: `${request.body ?? ''}${tamper}` } };
        expect(() => verify(tampered, authorization)).toThrow(expect.objectContaining({ errorCode: 40102 }));
      }),
    );
  });
});
