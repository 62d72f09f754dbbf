/** generateDeclarations against the simulator: what it reads, what it prints for a known state, and its errors. */
import { SinchApiError } from '../../provider';
import { SinchConfigurationError, type SinchProviderSettings } from '../../provider/configuration';
import { generateDeclarations } from '../../provider/generate';
import {
  APP_A,
  APP_B,
  expectNoSecret,
  failureOf,
  SMS_ONLY,
  VOICE_AND_SMS,
  VOICE_ONLY,
  VOICE_ONLY_2,
} from '../support/fixtures';
import { admin, sharedSimulator } from '../support/simulator';

const simulator = sharedSimulator();

const settings = (overrides: SinchProviderSettings = {}): SinchProviderSettings => ({
  applicationKey: APP_A.key,
  applicationSecret: APP_A.secret,
  baseUrl: simulator.url,
  maxRetries: '0',
  ...overrides,
});
const bind = (number: string, applicationKey: string, capability = 'voice') =>
  admin(simulator, 'PUT', 'bindings', { number, applicationKey, capability });
const routes = async () =>
  (await admin<{ requests: Array<{ route: string }> }>(simulator, 'GET', 'requests')).requests.map(
    (entry) => entry.route,
  );

/** A small state, made in an order that is not the sorted one. */
async function smallState(): Promise<void> {
  await bind(VOICE_ONLY_2, APP_B.key);
  await bind(VOICE_AND_SMS, APP_B.key, 'sms');
  await bind(VOICE_ONLY, APP_A.key);
  await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, {
    primary: 'https://voice.example.com/b',
    fallback: 'https://backup.example.com/b',
  });
}

it('prints exactly these declarations for a small state, sorted, with every value explicit', async () => {
  await smallState();
  expect(await generateDeclarations(settings())).toBe(
    [
      `// Sinch Voice configuration as it exists, read by \`pulumi-sinch-voice generate\` from ${simulator.url}`,
      `// with the credentials of application ${APP_A.key}: 3 NumberAssignments, 1 ApplicationCallbacks.`,
      '// Creating these resources adopts what exists: the first `pulumi up` records each one as adopted and writes',
      '// nothing to Sinch, and `pulumi destroy` later leaves these bindings and URLs as they are.',
      '',
      "import { ApplicationCallbacks, NumberAssignment } from 'pulumi-sinch-voice';",
      '',
      `new NumberAssignment('number-${VOICE_ONLY}-voice', {`,
      `  number: '${VOICE_ONLY}',`,
      `  applicationKey: '${APP_A.key}',`,
      "  capability: 'voice',",
      '});',
      `new NumberAssignment('number-${VOICE_ONLY_2}-voice', {`,
      `  number: '${VOICE_ONLY_2}',`,
      `  applicationKey: '${APP_B.key}',`,
      "  capability: 'voice',",
      '});',
      `new NumberAssignment('number-${VOICE_AND_SMS}-sms', {`,
      `  number: '${VOICE_AND_SMS}',`,
      `  applicationKey: '${APP_B.key}',`,
      "  capability: 'sms',",
      '});',
      '',
      `new ApplicationCallbacks('callbacks-${APP_B.key}', {`,
      `  applicationKey: '${APP_B.key}',`,
      "  primary: 'https://voice.example.com/b',",
      "  fallback: 'https://backup.example.com/b',",
      '});',
      '',
      '// Not declared:',
      `// - callback URLs of ${APP_A.key}: none is set`,
      `// - numbers bound to no application: ${VOICE_AND_SMS} (voice), ${SMS_ONLY} (sms)`,
      '',
    ].join('\n'),
  );
});

it('sorts what the API lists in its own order (a number that joined the project last, both capabilities of a number)', async () => {
  const JOINED_LAST = '+12010000001';
  await admin(simulator, 'PUT', 'numbers', { number: JOINED_LAST });
  await bind(JOINED_LAST, APP_B.key);
  await bind(VOICE_AND_SMS, APP_A.key, 'voice');
  await bind(VOICE_AND_SMS, APP_B.key, 'sms');
  const text = await generateDeclarations(settings());
  expect(text.match(/^new NumberAssignment\('[^']+'/gm)).toEqual([
    `new NumberAssignment('number-${JOINED_LAST}-voice'`,
    `new NumberAssignment('number-${VOICE_AND_SMS}-sms'`,
    `new NumberAssignment('number-${VOICE_AND_SMS}-voice'`,
  ]);
});

it('only reads: one list call, then the callbacks of the configured application and of each one holding a number', async () => {
  await smallState();
  const text = await generateDeclarations(settings({ auth: 'basic' }));
  expect(await routes()).toEqual([
    'GET /v1/configuration/numbers',
    'GET /v1/configuration/callbacks/applications/{key}',
    'GET /v1/configuration/callbacks/applications/{key}',
  ]);
  expectNoSecret(text, APP_A.secret, APP_B.secret);
});

it('the callbacks of an application that holds no number and is not the configured one are not read', async () => {
  await admin(simulator, 'PUT', `callbacks/${APP_B.key}`, { primary: 'https://voice.example.com/b' });
  await admin(simulator, 'PUT', `callbacks/${APP_A.key}`, { primary: 'https://voice.example.com/a' });
  const text = await generateDeclarations(settings());
  expect(text).toContain(`new ApplicationCallbacks('callbacks-${APP_A.key}', {`);
  expect(text).not.toContain(APP_B.key);
  expect(await routes()).toEqual([
    'GET /v1/configuration/numbers',
    'GET /v1/configuration/callbacks/applications/{key}',
  ]);
});

it('an application whose callbacks the API refuses to show (404) is named in a comment; the rest is still declared', async () => {
  await smallState();
  await admin(simulator, 'POST', 'faults', {
    status: 404,
    route: 'GET /v1/configuration/callbacks/applications/{key}',
  });
  const text = await generateDeclarations(settings());
  expect(text).toContain(
    `// - the callback URLs of ${APP_A.key}: not readable: Sinch getCallbacks failed with HTTP 404`,
  );
  expect(text).toContain(`new ApplicationCallbacks('callbacks-${APP_B.key}', {`);
  expect(text.match(/new NumberAssignment/g)).toHaveLength(3);
});

it("a server failure is an error, with Sinch's answer and without the secret", async () => {
  await admin(simulator, 'POST', 'faults', {
    status: 503,
    route: 'GET /v1/configuration/callbacks/applications/{key}',
  });
  const error = await failureOf(generateDeclarations(settings()));
  expect(error).toBeInstanceOf(SinchApiError);
  expect(error.message).toMatch(/^Sinch getCallbacks failed with HTTP 503/);
  expectNoSecret(`${error.message}${error.stack}`, APP_A.secret);
});

it("missing credentials: the provider's own error, before any request", async () => {
  const error = await failureOf(generateDeclarations({ baseUrl: simulator.url }));
  expect(error).toBeInstanceOf(SinchConfigurationError);
  expect(error.message).toMatch(
    /^Sinch credentials are incomplete: sinch:applicationKey \(or SINCH_APPLICATION_KEY\) is not set; sinch:applicationSecret/,
  );
  expect(await routes()).toEqual([]);
});
