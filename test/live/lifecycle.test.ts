/**
 * The resources' lifecycle against the real API, through the provider implementation the engine calls (check,
 * create, read, update, delete), one deployment context per step as the engine would have. Every binding of the
 * allowed numbers and every URL is put back after each test (account.ts).
 */
import {
  deploymentContext,
  type ApplicationCallbacksInputs,
  type ApplicationCallbacksOutputs,
  type NumberAssignmentInputs,
  type NumberAssignmentOutputs,
} from '../../provider/implementation';
import { applicationCallbacksProvider, numberAssignmentProvider } from '../support/implementations';
import {
  accountState,
  bindingKey,
  capabilitiesOf,
  eventually,
  liveClient,
  providerSettings,
  restoredAfterEach,
  settings,
} from './account';

const state = restoredAfterEach();
/** Tests that need a second application: reported as skipped (never as passed) without one. */
const withOtherApplication = settings.otherApplicationKey ? it : it.skip;

/** A fresh provider process's context: nothing shared with the step before. */
function deployment() {
  const logs: string[] = [];
  const context = deploymentContext(providerSettings, (_severity, message) => logs.push(message));
  return { logs, numbers: numberAssignmentProvider(context), callbacks: applicationCallbacksProvider(context) };
}

async function checkedNumber(declared: Partial<NumberAssignmentInputs>): Promise<NumberAssignmentInputs> {
  const { inputs, failures } = await deployment().numbers.check({
    olds: {} as NumberAssignmentInputs,
    news: declared as NumberAssignmentInputs,
  });
  expect(failures).toEqual([]);
  return inputs as NumberAssignmentInputs;
}

async function checkedCallbacks(declared: Partial<ApplicationCallbacksInputs>): Promise<ApplicationCallbacksInputs> {
  const { inputs, failures } = await deployment().callbacks.check({
    olds: {} as ApplicationCallbacksInputs,
    news: declared as ApplicationCallbacksInputs,
  });
  expect(failures).toEqual([]);
  return inputs as ApplicationCallbacksInputs;
}

/** An allowed number and capability, made unbound first (the state found is restored afterwards). */
async function unboundNumber(): Promise<{ number: string; capability: 'voice' | 'sms'; key: string }> {
  const number = settings.numbers[0] as string;
  const capability = capabilitiesOf(state.found(), number)[0] ?? 'voice';
  const key = bindingKey(number, capability);
  const holder = state.found().bindings[key];
  if (holder) await liveClient().unassignNumber({ number, applicationKey: holder, capability });
  await eventually(accountState, (now) => now.bindings[key] === null);
  return { number, capability, key };
}

it('NumberAssignment: create binds an unbound number, read reports it, delete unbinds it', async () => {
  const { number, capability, key } = await unboundNumber();
  const inputs = await checkedNumber({ number, capability });
  const { id, outs } = await deployment().numbers.create({ inputs: inputs });
  expect(id).toBe(`${number}/${capability}`);
  expect(outs).toMatchObject({ assignedApplicationKey: settings.applicationKey, adopted: false });
  expect((await accountState()).bindings[key]).toBe(settings.applicationKey);

  const read = await deployment().numbers.read({ id: id, props: outs as NumberAssignmentOutputs });
  expect(read).toMatchObject({ id, props: { applicationKey: settings.applicationKey } });

  await deployment().numbers.delete({ id: id, props: outs as NumberAssignmentOutputs });
  expect((await accountState()).bindings[key]).toBeNull();
});

withOtherApplication(
  'NumberAssignment: an update moves the number to another application, and delete unbinds it from there',
  async () => {
    const other = settings.otherApplicationKey as string;
    const { number, capability, key } = await unboundNumber();
    const inputs = await checkedNumber({ number, capability });
    const { id, outs } = await deployment().numbers.create({ inputs: inputs });
    const moved = await checkedNumber({ number, capability, applicationKey: other });
    const updated = await deployment().numbers.update({ id: id, olds: outs as NumberAssignmentOutputs, news: moved });
    expect(updated.outs).toMatchObject({ applicationKey: other, assignedApplicationKey: other });
    expect((await accountState()).bindings[key]).toBe(other);
    await deployment().numbers.delete({ id: id, props: updated.outs as NumberAssignmentOutputs });
    expect((await accountState()).bindings[key]).toBeNull();
  },
);

it('NumberAssignment: a number already bound to the declared application is adopted with no write, and delete leaves it bound', async () => {
  const { number, capability, key } = await unboundNumber();
  await liveClient().assignNumbers({ numbers: [number], applicationKey: settings.applicationKey, capability });
  await eventually(accountState, (now) => now.bindings[key] === settings.applicationKey);
  const step = deployment();
  const { id, outs } = await step.numbers.create({ inputs: await checkedNumber({ number, capability }) });
  expect(outs).toMatchObject({ adopted: true, foundApplicationKey: settings.applicationKey });
  expect(step.logs.join('\n')).toMatch(/adopted: already bound/);
  await deployment().numbers.delete({ id: id, props: outs as NumberAssignmentOutputs });
  expect((await accountState()).bindings[key]).toBe(settings.applicationKey);
});

it('ApplicationCallbacks: create writes the URLs, update changes them, delete puts back the URLs found at create', async () => {
  const found = state.found().callbacks[settings.applicationKey] ?? {};
  const inputs = await checkedCallbacks({
    primary: 'https://live-suite.example.com/one',
    fallback: 'https://live-suite.example.com/one-fallback',
  });
  const { id, outs } = await deployment().callbacks.create({ inputs: inputs });
  expect(await liveClient().getCallbacks(settings.applicationKey)).toEqual({
    primary: inputs.primary,
    fallback: inputs.fallback,
  });

  const changed = await checkedCallbacks({ primary: 'https://live-suite.example.com/two' });
  const updated = await deployment().callbacks.update({
    id: id,
    olds: outs as ApplicationCallbacksOutputs,
    news: changed,
  });
  expect(await liveClient().getCallbacks(settings.applicationKey)).toEqual({ primary: changed.primary });

  const read = await deployment().callbacks.read({ id: id, props: updated.outs as ApplicationCallbacksOutputs });
  expect(read.props).toMatchObject({ primary: changed.primary });

  await deployment().callbacks.delete({ id: id, props: updated.outs as ApplicationCallbacksOutputs });
  expect(await liveClient().getCallbacks(settings.applicationKey)).toEqual(found);
});
