/** The programs in examples/, compiled and run through the real engine against the scenario.simulator. */
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin, simulatorState } from '../support/simulator';
import { scratchScenarios, type StackConfig } from './engine';

jest.setTimeout(30 * 60_000);

const scenario = scratchScenarios('example');

function config(values: Record<string, string>): StackConfig {
  return {
    'sinch:applicationKey': { value: APP_A.key },
    'sinch:applicationSecret': { value: APP_A.secret, secret: true },
    'sinch:baseUrl': { value: scenario.simulator.url },
    ...Object.fromEntries(Object.entries(values).map(([key, value]) => [`sinch-e2e:${key}`, { value }])),
  };
}

async function succeed(example: string, operation: 'up' | 'preview' | 'destroy', values: Record<string, string>) {
  const outcome = await scenario.project.operate(
    operation,
    scenario.stack,
    scenario.project.useExample(example),
    config(values),
  );
  if (!outcome.ok) throw new Error(`${example} ${operation} failed: ${outcome.message}`);
  return outcome.result as Record<string, unknown>;
}

it('basic: one number and the callback URL of the configured application', async () => {
  const values = { number: VOICE_ONLY, callbackUrl: 'https://voice.example.com/sinch' };
  await succeed('basic', 'up', values);
  const state = await simulatorState(scenario.simulator);
  expect(state.bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
  expect(state.callbacks[APP_A.key]).toEqual({ primary: 'https://voice.example.com/sinch' });
  expect(await succeed('basic', 'preview', values)).toEqual({ same: 3 });
});

it('move-number: changing activeApplication moves the number in place', async () => {
  await succeed('move-number', 'up', { number: VOICE_ONLY_2, activeApplication: APP_A.key });
  expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY_2}/voice`]).toBe(APP_A.key);
  const summary = await succeed('move-number', 'up', { number: VOICE_ONLY_2, activeApplication: APP_B.key });
  expect(summary.resourceChanges).toEqual({ same: 1, update: 1 });
  expect((await simulatorState(scenario.simulator)).bindings[`${VOICE_ONLY_2}/voice`]).toBe(APP_B.key);
});

it('callbacks-with-fallback: both URLs, then the fallback cleared when it leaves the configuration', async () => {
  const urls = {
    application: APP_B.key,
    primary: 'https://voice.example.com/b',
    fallback: 'https://backup.example.com/b',
  };
  await succeed('callbacks-with-fallback', 'up', urls);
  expect((await simulatorState(scenario.simulator)).callbacks[APP_B.key]).toEqual({
    primary: urls.primary,
    fallback: urls.fallback,
  });
  await succeed('callbacks-with-fallback', 'up', { application: APP_B.key, primary: urls.primary });
  expect((await simulatorState(scenario.simulator)).callbacks[APP_B.key]).toEqual({ primary: urls.primary });
});

it('adopt-existing: numbers already bound come under management unchanged, and stay bound after destroy', async () => {
  await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
  await admin(scenario.simulator, 'PUT', 'bindings', {
    number: VOICE_AND_SMS,
    applicationKey: APP_B.key,
    capability: 'sms',
  });
  const summary = await succeed('adopt-existing', 'up', { application: APP_B.key });
  expect(summary.resourceChanges).toEqual({ create: 3 });
  const writes = (
    await admin<{ requests: Array<{ route: string }> }>(scenario.simulator, 'GET', 'requests')
  ).requests.filter((entry) => entry.route.startsWith('POST'));
  expect(writes).toEqual([]);
  await succeed('adopt-existing', 'destroy', { application: APP_B.key });
  expect((await simulatorState(scenario.simulator)).bindings).toEqual({
    [`${VOICE_ONLY}/voice`]: APP_B.key,
    [`${VOICE_AND_SMS}/sms`]: APP_B.key,
  });
});
