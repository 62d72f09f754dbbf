/**
 * The provider methods when answers are lost or writes do not apply: the live state, read back, decides. A write
 * that landed is a success whatever was answered; one that did not apply is not reported as done.
 */
import { type NumberAssignmentInputs } from '../../provider/implementation';
import { applicationCallbacksProvider, numberAssignmentProvider } from '../support/implementations';
import { APP_A, APP_B, failureOf, VOICE_ONLY } from '../support/fixtures';
import { testContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();
afterEach(() => admin(simulator, 'DELETE', 'chaos'));
// A write that never applies is sent ten times, about 9 s apart in all, before create gives up.
jest.setTimeout(30_000);

/** A provider of a new deployment whose client retries twice, so that faults that outlast retries show quickly. */
function deployment() {
  const context = testContext(simulator, 'signed', APP_A, { maxRetries: '2' });
  return { context, numbers: numberAssignmentProvider(context), callbacks: applicationCallbacksProvider(context) };
}
const binding: NumberAssignmentInputs = {
  number: VOICE_ONLY,
  applicationKey: APP_A.key,
  capability: 'voice',
  allowReassign: false,
};
const bindingOf = async () => (await simulatorState(simulator)).bindings[`${VOICE_ONLY}/voice`];
const routes = async () =>
  (await admin<{ requests: Array<{ route: string; fault?: string }> }>(simulator, 'GET', 'requests')).requests;

it('create: every assign answered 500 after it took effect; the read-back shows it landed, so create succeeds', async () => {
  await admin(simulator, 'PUT', 'chaos', { failAfterRate: 1 });
  const { outs } = await deployment().numbers.create({ inputs: binding });
  expect(outs).toMatchObject({ assignedApplicationKey: APP_A.key, adopted: false });
  expect(await bindingOf()).toBe(APP_A.key);
  expect((await routes()).filter((entry) => entry.fault === 'fail-after').length).toBeGreaterThanOrEqual(1);
});

it('create: the assignment is accepted but never applied; create fails saying so, and reports nothing assigned', async () => {
  await admin(simulator, 'PUT', 'chaos', { lostWriteRate: 1 });
  const error = await failureOf(deployment().numbers.create({ inputs: binding }));
  expect(error.message).toBe(
    `Sinch accepted the assignment of ${VOICE_ONLY} (voice) to ${APP_A.key} 10 times, but the live state does not show it.`,
  );
  expect(await bindingOf()).toBeUndefined();
});

it("create: three 503s use up the client's retries; the read-back shows nothing landed, and the next round does", async () => {
  await admin(simulator, 'POST', 'faults', { status: 503, count: 3, route: 'POST /v1/configuration/numbers' });
  await deployment().numbers.create({ inputs: binding });
  expect(await bindingOf()).toBe(APP_A.key);
});

/** One write of this route accepted (204) but not applied: only the read-back can tell. */
const loseNextWrite = (route: string) => admin(simulator, 'POST', 'faults', { kind: 'lost-write', route });
const ASSIGN = 'POST /v1/configuration/numbers';
const UNASSIGN = 'DELETE /v1/configuration/numbers';
const UPDATE_CALLBACKS = 'POST /v1/configuration/callbacks/applications/{key}';
const sent = async (route: string) =>
  (await routes()).filter((entry) => entry.route === route).map((entry) => entry.fault ?? 'applied');

describe('one write answered 204 but not applied: the read-back sees it did not land, and sends it again', () => {
  it('create (assign)', async () => {
    await loseNextWrite(ASSIGN);
    await deployment().numbers.create({ inputs: binding });
    expect(await bindingOf()).toBe(APP_A.key);
    expect(await sent(ASSIGN)).toEqual(['injected', 'applied']);
  });

  it('update (a move)', async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding });
    await loseNextWrite(ASSIGN);
    await deployment().numbers.update({
      id: `${VOICE_ONLY}/voice`,
      olds: outs!,
      news: { ...binding, applicationKey: APP_B.key },
    });
    expect(await bindingOf()).toBe(APP_B.key);
    expect(await sent(ASSIGN)).toEqual(['applied', 'injected', 'applied']);
  });

  it("delete (unassign): the exception, by design: Sinch's 204 to an unassign is taken at its word, so the number stays bound (the safe way to be wrong) and no list call is made", async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding });
    await loseNextWrite(UNASSIGN);
    await admin(simulator, 'DELETE', 'requests');
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf()).toBe(APP_A.key);
    expect((await routes()).map((entry) => entry.route)).toEqual([
      'GET /v1/configuration/numbers',
      'DELETE /v1/configuration/numbers',
    ]);
  });

  it('delete (giving the number back to the application it was taken from)', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    const { outs } = await deployment().numbers.create({ inputs: { ...binding, allowReassign: true } });
    await loseNextWrite(ASSIGN);
    await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
    expect(await bindingOf()).toBe(APP_B.key);
    expect(await sent(ASSIGN)).toEqual(['applied', 'injected', 'applied']);
  });

  it('callbacks create, update and delete', async () => {
    const callbacksOf = async () => (await simulatorState(simulator)).callbacks[APP_B.key];
    await loseNextWrite(UPDATE_CALLBACKS);
    const { outs } = await deployment().callbacks.create({
      inputs: {
        applicationKey: APP_B.key,
        primary: 'https://voice.example.com/b',
      },
    });
    expect(await callbacksOf()).toEqual({ primary: 'https://voice.example.com/b' });
    await loseNextWrite(UPDATE_CALLBACKS);
    const updated = await deployment().callbacks.update({
      id: APP_B.key,
      olds: outs!,
      news: {
        applicationKey: APP_B.key,
        primary: 'https://voice.example.com/b2',
      },
    });
    expect(await callbacksOf()).toEqual({ primary: 'https://voice.example.com/b2' });
    await loseNextWrite(UPDATE_CALLBACKS);
    await deployment().callbacks.delete({ id: APP_B.key, props: updated.outs! });
    expect((await callbacksOf()) ?? {}).toEqual({});
    expect(await sent(UPDATE_CALLBACKS)).toEqual(['injected', 'applied', 'injected', 'applied', 'injected', 'applied']);
  });
});

it('delete: the unassign took effect but its answer was lost; not sent again, and delete succeeds', async () => {
  const { outs } = await deployment().numbers.create({ inputs: binding });
  await admin(simulator, 'PUT', 'chaos', { failAfterRate: 1 });
  await admin(simulator, 'DELETE', 'requests');
  await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
  expect(await bindingOf()).toBeUndefined();
  expect((await routes()).filter((entry) => entry.route === 'DELETE /v1/configuration/numbers')).toHaveLength(1);
});

it('delete: an unassign that did not land (500 before effect) is sent again once the read-back shows it still bound', async () => {
  const { outs } = await deployment().numbers.create({ inputs: binding });
  await admin(simulator, 'POST', 'faults', { status: 500, count: 1, route: 'DELETE /v1/configuration/numbers' });
  await deployment().numbers.delete({ id: `${VOICE_ONLY}/voice`, props: outs! });
  expect(await bindingOf()).toBeUndefined();
});

it('update: moved elsewhere by someone while the move was under way: stops with the contention error', async () => {
  const { outs } = await deployment().numbers.create({ inputs: binding });
  await admin(simulator, 'PUT', 'chaos', { lostWriteRate: 1 });
  const mover = deployment();
  const applications = [APP_A.key, APP_B.key];
  // The read-back after the (lost) write finds the number on a third application.
  await admin(simulator, 'PUT', 'applications', {
    key: '0c0c0c0c-1111-4222-8333-444444444444',
    secret: 'c2VjcmV0LWM=',
  });
  const moving = mover.numbers.update({
    id: `${VOICE_ONLY}/voice`,
    olds: outs!,
    news: {
      ...binding,
      applicationKey: applications[1] as string,
    },
  });
  await admin(simulator, 'PUT', 'bindings', {
    number: VOICE_ONLY,
    applicationKey: '0c0c0c0c-1111-4222-8333-444444444444',
  });
  const error = await failureOf(moving);
  expect(error.message).toMatch(/someone else changed it|is bound to application 0c0c0c0c/);
  expect(await bindingOf()).toBe('0c0c0c0c-1111-4222-8333-444444444444');
});

it('callbacks: a write whose answer was lost after it took effect is a success', async () => {
  await admin(simulator, 'PUT', 'chaos', { failAfterRate: 1 });
  await deployment().callbacks.create({
    inputs: { applicationKey: APP_B.key, primary: 'https://voice.example.com/b' },
  });
  expect((await simulatorState(simulator)).callbacks[APP_B.key]).toEqual({ primary: 'https://voice.example.com/b' });
});

it('callbacks: accepted but not applied is not reported as done', async () => {
  await admin(simulator, 'PUT', 'chaos', { lostWriteRate: 1 });
  await expect(
    deployment().callbacks.create({ inputs: { applicationKey: APP_B.key, primary: 'https://voice.example.com/b' } }),
  ).rejects.toThrow(/accepted the callback URLs .* 10 times/);
});
