/**
 * What create finds is what delete puts back, and a delete never undoes what another resource of the same deployment
 * took over. Provider methods against the simulator; each "deployment" is a fresh context, as the engine starts a
 * fresh provider process for each.
 */
import {
  type ApplicationCallbacksInputs,
  type ApplicationCallbacksOutputs,
  type NumberAssignmentInputs,
  type NumberAssignmentOutputs,
} from '../../provider/implementation';
import { applicationCallbacksProvider, numberAssignmentProvider } from '../support/implementations';
import { APP_A, APP_B, VOICE_ONLY } from '../support/fixtures';
import { testContext, type TestContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();

const requests = async () =>
  (await admin<{ requests: Array<{ route: string }> }>(simulator, 'GET', 'requests')).requests.map(
    (entry) => entry.route,
  );
const bindingOf = async (number: string) => (await simulatorState(simulator)).bindings[`${number}/voice`];
const bind = (number: string, applicationKey: string) =>
  admin(simulator, 'PUT', 'bindings', { number, applicationKey });
const liveCallbacks = async (key: string) => (await simulatorState(simulator)).callbacks[key] ?? {};
const setLive = (key: string, urls: object) => admin(simulator, 'PUT', `callbacks/${key}`, urls);

/** One deployment: a provider context of its own, as one provider process of the engine. */
function deployment(): {
  context: TestContext;
  numbers: ReturnType<typeof numberAssignmentProvider>;
  callbacks: ReturnType<typeof applicationCallbacksProvider>;
} {
  const context = testContext(simulator, 'signed');
  return { context, numbers: numberAssignmentProvider(context), callbacks: applicationCallbacksProvider(context) };
}

const binding = (overrides: Partial<NumberAssignmentInputs> = {}): NumberAssignmentInputs => ({
  number: VOICE_ONLY,
  applicationKey: APP_A.key,
  capability: 'voice',
  allowReassign: false,
  ...overrides,
});

describe('NumberAssignment: delete puts back what create found', () => {
  it('unbound at create: recorded as not adopted; delete unassigns', async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding() });
    expect(outs).toMatchObject({ adopted: false });
    expect(outs).not.toHaveProperty('foundApplicationKey');
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf(VOICE_ONLY)).toBeUndefined();
  });

  it('already bound to the declared application: adopted, visible, and delete leaves it bound', async () => {
    await bind(VOICE_ONLY, APP_A.key);
    const first = deployment();
    const { outs } = await first.numbers.create({ inputs: binding() });
    expect(outs).toMatchObject({ adopted: true, foundApplicationKey: APP_A.key });
    expect(first.context.logs).toEqual([
      expect.stringContaining(`${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}`),
    ]);
    await admin(simulator, 'DELETE', 'requests');

    const second = deployment();
    await second.numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
    expect(await requests()).toEqual(['GET /v1/configuration/numbers']);
    expect(second.context.logs).toEqual([
      `${VOICE_ONLY} (voice) stays bound to ${APP_A.key}: it was bound so before this stack adopted it`,
    ]);
  });

  it('taken from another application (allowReassign): delete gives it back to that application', async () => {
    await bind(VOICE_ONLY, APP_B.key);
    const { outs } = await deployment().numbers.create({ inputs: binding({ allowReassign: true }) });
    expect(outs).toMatchObject({ adopted: false, foundApplicationKey: APP_B.key });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);

    const later = deployment();
    await later.numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
    expect(later.context.logs).toEqual([
      `${VOICE_ONLY} (voice) goes back to ${APP_B.key}, which held it before this stack took it`,
    ]);
  });

  it('adopted, then moved by an update: delete moves it back to the application it was found on', async () => {
    await bind(VOICE_ONLY, APP_A.key);
    const { outs } = await deployment().numbers.create({ inputs: binding() });
    const { outs: updated } = await deployment().numbers.update({
      id: `${VOICE_ONLY}/voice`,
      olds: outs!,
      news: binding({ applicationKey: APP_B.key }),
    });
    expect(updated).toMatchObject({
      applicationKey: APP_B.key,
      assignedApplicationKey: APP_B.key,
      adopted: true,
      foundApplicationKey: APP_A.key,
    });
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: updated! });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
  });

  it('refresh keeps what create found', async () => {
    await bind(VOICE_ONLY, APP_B.key);
    const { outs } = await deployment().numbers.create({ inputs: binding({ allowReassign: true }) });
    const refreshed = await deployment().numbers.read({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(refreshed.props).toMatchObject({ adopted: false, foundApplicationKey: APP_B.key });
  });

  it('a state from before 0.2 (nothing found recorded) keeps its behaviour: delete unassigns what it bound', async () => {
    await bind(VOICE_ONLY, APP_A.key);
    const legacy: NumberAssignmentOutputs = { ...binding(), assignedApplicationKey: APP_A.key };
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: legacy });
    expect(await bindingOf(VOICE_ONLY)).toBeUndefined();
  });

  it('a state that stored its application keys as written (no dashes, capitals) moves the number without allowReassign', async () => {
    await bind(VOICE_ONLY, APP_A.key);
    const asWritten = APP_A.key.replace(/-/g, '').toUpperCase();
    const legacy = { ...binding(), applicationKey: asWritten, assignedApplicationKey: asWritten };
    await deployment().numbers.update({
      id: `${VOICE_ONLY}/voice`,
      olds: legacy,
      news: binding({ applicationKey: APP_B.key }),
    });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
  });

  it('a state from before assignedApplicationKey bound the number to its applicationKey: refresh records it, delete unassigns it', async () => {
    await bind(VOICE_ONLY, APP_A.key);
    const legacy = { ...binding(), capability: undefined, allowReassign: undefined };
    const refreshed = await deployment().numbers.read({ id: `${VOICE_ONLY}/voice`, props: legacy });
    expect(refreshed.props).toEqual({ ...binding(), assignedApplicationKey: APP_A.key });
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: legacy });
    expect(await bindingOf(VOICE_ONLY)).toBeUndefined();
  });
});

describe('NumberAssignment: hand-over inside one deployment', () => {
  it("a create claimed the binding earlier in the deployment: the old resource's delete leaves it, and says so", async () => {
    const before = deployment();
    const { outs: old } = await before.numbers.create({ inputs: binding() });

    // A rename: the engine creates the new resource (which adopts), then deletes the old one, in one deployment.
    const rename = deployment();
    const { outs: renamed } = await rename.numbers.create({ inputs: binding() });
    expect(renamed).toMatchObject({ adopted: true });
    await rename.numbers.delete({ id: `${VOICE_ONLY}/voice`, props: old! });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
    expect(rename.context.logs).toContain(
      `${VOICE_ONLY} (voice) left as it is: another resource of this stack took it over in this deployment (a rename, move or replace)`,
    );
  });

  it('an update claims too', async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding() });
    const now = deployment();
    await now.numbers.update({ id: `${VOICE_ONLY}/voice`, olds: outs!, news: binding({ allowReassign: true }) });
    await now.numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
  });

  it('nothing else suppresses a delete: a read, a failed create, another capability, another deployment', async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding() });
    const now = deployment();
    await now.numbers.read({ id: `${VOICE_ONLY}/voice`, props: outs! });
    await expect(now.numbers.create({ inputs: binding({ number: '+14155550123' }) })).rejects.toThrow(
      /not a number of this Sinch project/,
    );
    await admin(simulator, 'PUT', 'numbers', { number: '+12019999999', capabilities: ['voice', 'sms'] });
    await now.numbers.create({ inputs: binding({ number: '+12019999999', capability: 'sms' }) });
    await now.numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf(VOICE_ONLY)).toBeUndefined();
  });
});

const callbacks = (overrides: Partial<ApplicationCallbacksInputs> = {}): ApplicationCallbacksInputs => ({
  applicationKey: APP_B.key,
  primary: 'https://ours.example.com/voice',
  ...overrides,
});
const DASHBOARD = {
  primary: 'https://dashboard.example.com/voice',
  fallback: 'https://dashboard-backup.example.com/voice',
};

describe('ApplicationCallbacks: delete puts back what create found', () => {
  it('URLs set in the dashboard before the first up: overwritten by up, put back by destroy', async () => {
    await setLive(APP_B.key, DASHBOARD);
    const { outs } = await deployment().callbacks.create({ inputs: callbacks() });
    expect(outs).toMatchObject({ adopted: false, foundPrimary: DASHBOARD.primary, foundFallback: DASHBOARD.fallback });
    expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://ours.example.com/voice' });

    const later = deployment();
    await later.callbacks.delete({ id: APP_B.key, props: outs! });
    expect(await liveCallbacks(APP_B.key)).toEqual(DASHBOARD);
    expect(later.context.logs).toEqual([
      expect.stringContaining(`callbacks of ${APP_B.key} put back as found before this stack`),
    ]);
  });

  it('none set before: destroy clears them', async () => {
    const { outs } = await deployment().callbacks.create({
      inputs: callbacks({ fallback: 'https://ours-backup.example.com/voice' }),
    });
    expect(outs).toMatchObject({ adopted: false });
    expect(outs).not.toHaveProperty('foundPrimary');
    await deployment().callbacks.delete({ id: APP_B.key, props: outs! });
    expect(await liveCallbacks(APP_B.key)).toEqual({});
  });

  it('already the declared URLs: adopted without a write, and destroy leaves them', async () => {
    await setLive(APP_B.key, { primary: 'https://ours.example.com/voice' });
    const first = deployment();
    const { outs } = await first.callbacks.create({ inputs: callbacks() });
    expect(outs).toMatchObject({ adopted: true, foundPrimary: 'https://ours.example.com/voice' });
    expect(await requests()).toEqual(['GET /v1/configuration/callbacks/applications/{key}']);
    expect(first.context.logs).toEqual([expect.stringContaining(`callbacks of ${APP_B.key} adopted`)]);
    await deployment().callbacks.delete({ id: APP_B.key, props: outs! });
    expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://ours.example.com/voice' });
  });

  it('a URL someone changed since is kept; the other goes back to what was found', async () => {
    await setLive(APP_B.key, DASHBOARD);
    const { outs } = await deployment().callbacks.create({
      inputs: callbacks({ fallback: 'https://ours-backup.example.com/voice' }),
    });
    await setLive(APP_B.key, { primary: 'https://someone-else.example.com/voice' });
    const later = deployment();
    await later.callbacks.delete({ id: APP_B.key, props: outs! });
    expect(await liveCallbacks(APP_B.key)).toEqual({
      primary: 'https://someone-else.example.com/voice',
      fallback: DASHBOARD.fallback,
    });
    expect(later.context.warnings).toEqual([
      `callbacks of ${APP_B.key}: left alone primary (https://someone-else.example.com/voice): changed since this stack set it`,
    ]);
  });

  it('refresh and update keep what create found', async () => {
    await setLive(APP_B.key, DASHBOARD);
    const { outs } = await deployment().callbacks.create({ inputs: callbacks() });
    const refreshed = await deployment().callbacks.read({ id: APP_B.key, props: outs! });
    expect(refreshed.props).toMatchObject({
      foundPrimary: DASHBOARD.primary,
      foundFallback: DASHBOARD.fallback,
      adopted: false,
    });
    const { outs: updated } = await deployment().callbacks.update({
      id: APP_B.key,
      olds: refreshed.props as ApplicationCallbacksOutputs,
      news: callbacks({ primary: 'https://v2.example.com/voice' }),
    });
    expect(updated).toMatchObject({
      foundPrimary: DASHBOARD.primary,
      foundFallback: DASHBOARD.fallback,
      appliedPrimary: 'https://v2.example.com/voice',
    });
    await deployment().callbacks.delete({ id: APP_B.key, props: updated! });
    expect(await liveCallbacks(APP_B.key)).toEqual(DASHBOARD);
  });
});

describe('ApplicationCallbacks: hand-over inside one deployment', () => {
  it("replaced or renamed in one deployment: the old resource's delete leaves the URLs", async () => {
    const { outs: old } = await deployment().callbacks.create({ inputs: callbacks() });
    const rename = deployment();
    await rename.callbacks.create({ inputs: callbacks() });
    await rename.callbacks.delete({ id: APP_B.key, props: old! });
    expect(await liveCallbacks(APP_B.key)).toEqual({ primary: 'https://ours.example.com/voice' });
    expect(rename.context.logs).toContain(
      `callbacks of ${APP_B.key} left as they are: another resource of this stack took them over in this deployment (a rename, move or replace)`,
    );
  });

  it('a claim of another application does not protect this one', async () => {
    const { outs: old } = await deployment().callbacks.create({ inputs: callbacks() });
    const now = deployment();
    await now.callbacks.create({ inputs: callbacks({ applicationKey: APP_A.key }) });
    await now.callbacks.read({ id: APP_B.key, props: old! });
    await now.callbacks.delete({ id: APP_B.key, props: old! });
    expect(await liveCallbacks(APP_B.key)).toEqual({});
  });
});
