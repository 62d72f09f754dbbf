/**
 * The provider's creates, reads and deletes of one deployment, run together as the engine runs them, against the
 * simulator: how many calls they make, and that sharing calls never costs a resource its own outcome.
 */
import { SinchConfigurationClient, type AssignNumbersRequest } from '../../provider';
import { type NumberAssignmentInputs, type NumberAssignmentOutputs } from '../../provider/implementation';
import { numberAssignmentProvider } from '../support/implementations';
import { APP_A, APP_B, failureOf, VOICE_AND_SMS, VOICE_ONLY } from '../support/fixtures';
import { testContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();
const NUMBERS = Array.from({ length: 40 }, (_, index) => `+1201700${String(index).padStart(4, '0')}`);

beforeEach(async () => {
  for (const number of NUMBERS) await admin(simulator, 'PUT', 'numbers', { number, capabilities: ['voice', 'sms'] });
  await admin(simulator, 'DELETE', 'requests');
});
afterEach(() => jest.restoreAllMocks());

/** API calls per route since the last clear, as the simulator counts them. */
const counters = async () => (await admin<{ counters: Record<string, number> }>(simulator, 'GET', 'counters')).counters;
const bindings = async () => (await simulatorState(simulator)).bindings;

/** Every assign call the client sends, as it was asked. */
function recordAssignCalls(): AssignNumbersRequest[] {
  const calls: AssignNumbersRequest[] = [];
  const original = SinchConfigurationClient.prototype.assignNumbers;
  jest.spyOn(SinchConfigurationClient.prototype, 'assignNumbers').mockImplementation(function (
    this: SinchConfigurationClient,
    request,
  ) {
    calls.push(request);
    return original.call(this, request);
  });
  return calls;
}

const binding = (
  number: string,
  applicationKey: string,
  capability: 'voice' | 'sms' = 'voice',
): NumberAssignmentInputs => ({ number, applicationKey, capability, allowReassign: false });

it('creates that run together share assign calls per (application, capability) and never merge two', async () => {
  const calls = recordAssignCalls();
  const declared = NUMBERS.map((number, index) =>
    binding(number, index % 2 === 0 ? APP_A.key : APP_B.key, index % 4 < 2 ? 'voice' : 'sms'),
  );
  const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
  await Promise.all(declared.map((inputs) => provider.create({ inputs: inputs })));

  const live = await bindings();
  for (const inputs of declared) expect(live[`${inputs.number}/${inputs.capability}`]).toBe(inputs.applicationKey);
  for (const call of calls) {
    const target = declared
      .filter((inputs) => inputs.applicationKey === call.applicationKey && inputs.capability === call.capability)
      .map((inputs) => inputs.number);
    expect(call.numbers.every((number) => target.includes(number))).toBe(true);
  }
  // Four (application, capability) pairs; the 40 creates arrive at once, so one call each.
  expect(calls).toHaveLength(4);
  // One guard read for all, one read-back for all.
  expect(await counters()).toEqual({ 'GET /v1/configuration/numbers': 2, 'POST /v1/configuration/numbers': 4 });
});

it("a number Sinch refuses fails only its own resource, with Sinch's message; the others of its call are assigned", async () => {
  const calls = recordAssignCalls();
  const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
  // VOICE_ONLY has no sms capability: Sinch refuses the whole call that carries it.
  const declared = [
    binding(VOICE_AND_SMS, APP_A.key, 'sms'),
    binding(VOICE_ONLY, APP_A.key, 'sms'),
    binding(NUMBERS[0] as string, APP_A.key, 'sms'),
  ];
  const outcomes = await Promise.allSettled(declared.map((inputs) => provider.create({ inputs: inputs })));

  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(((outcomes[1] as PromiseRejectedResult).reason as Error).message).toMatch(
    /does not support the sms capability/,
  );
  const live = await bindings();
  expect([live[`${VOICE_AND_SMS}/sms`], live[`${VOICE_ONLY}/sms`], live[`${NUMBERS[0]}/sms`]]).toEqual([
    APP_A.key,
    undefined,
    APP_A.key,
  ]);
  // The shared call, then each number alone.
  expect(calls.map((call) => call.numbers.length)).toEqual([3, 1, 1, 1]);
});

it('one number declared twice in a deployment, for two applications: one binds it, the other fails before any call and says why', async () => {
  const calls = recordAssignCalls();
  const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
  const outcomes = await Promise.allSettled([
    provider.create({ inputs: binding(VOICE_ONLY, APP_A.key) }),
    provider.create({ inputs: binding(VOICE_ONLY, APP_B.key) }),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
  expect(((outcomes[1] as PromiseRejectedResult).reason as Error).message).toBe(
    `${VOICE_ONLY} (voice) is declared by two NumberAssignments of this stack: another one already manages it in this deployment. Declare each number and capability once.`,
  );
  expect(calls).toEqual([{ numbers: [VOICE_ONLY], applicationKey: APP_A.key, capability: 'voice' }]);
  expect((await bindings())[`${VOICE_ONLY}/voice`]).toBe(APP_A.key);
});

it('creates of one number for two applications in two deployments are never merged into a move: one wins, the other says so', async () => {
  const [first, second] = [APP_A, APP_B].map(() => numberAssignmentProvider(testContext(simulator, 'signed')));
  const outcomes = await Promise.allSettled([
    first!.create({ inputs: binding(VOICE_ONLY, APP_A.key) }),
    second!.create({ inputs: binding(VOICE_ONLY, APP_B.key) }),
  ]);
  const won = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
  expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
  expect(((outcomes[1 - won] as PromiseRejectedResult).reason as Error).message).toMatch(
    /someone else changed it|is bound to application/,
  );
  expect((await bindings())[`${VOICE_ONLY}/voice`]).toBe([APP_A.key, APP_B.key][won]);
});

describe('one deployment reads the list once', () => {
  async function created(): Promise<Array<{ id: string; outs: NumberAssignmentOutputs }>> {
    const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
    const declared = NUMBERS.map((number, index) => binding(number, index % 2 === 0 ? APP_A.key : APP_B.key));
    const made = await Promise.all(declared.map((inputs) => provider.create({ inputs: inputs })));
    await admin(simulator, 'DELETE', 'requests');
    return made.map(({ id, outs }) => ({ id, outs: outs as NumberAssignmentOutputs }));
  }

  it('refresh: one list call, however many bindings, however they arrive', async () => {
    const resources = await created();
    const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
    await Promise.all(resources.slice(0, 10).map(({ id, outs }) => provider.read({ id: id, props: outs })));
    for (const { id, outs } of resources.slice(10)) expect((await provider.read({ id: id, props: outs })).id).toBe(id);
    expect(await counters()).toEqual({ 'GET /v1/configuration/numbers': 1 });
  });

  it('destroy: one unassign per binding and one list call; each clean 204 is the new state', async () => {
    const resources = await created();
    const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
    await Promise.all(resources.map(({ id, outs }) => provider.delete({ id: id, props: outs })));
    expect(await bindings()).toEqual({});
    expect(await counters()).toEqual({
      'GET /v1/configuration/numbers': 1,
      'DELETE /v1/configuration/numbers': NUMBERS.length,
    });
  });

  it('a binding this deployment unassigned reads as unassigned, without another list call', async () => {
    const [first] = await created();
    const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
    await provider.delete({ id: first!.id, props: first!.outs });
    expect(await provider.read({ id: first!.id, props: first!.outs })).toEqual({});
    expect((await counters())['GET /v1/configuration/numbers']).toBe(1);
  });

  it('two deployments never share what they read', async () => {
    const [first] = await created();
    await numberAssignmentProvider(testContext(simulator, 'signed')).read({ id: first!.id, props: first!.outs });
    await admin(simulator, 'PUT', 'bindings', { number: first!.outs.number, applicationKey: APP_B.key });
    const later = await numberAssignmentProvider(testContext(simulator, 'signed')).read({
      id: first!.id,
      props: first!.outs,
    });
    expect(later.props).toMatchObject({ applicationKey: APP_B.key });
  });
});

it('a create whose guard read would refuse asks the API again: a number added to the project since the snapshot is found', async () => {
  const provider = numberAssignmentProvider(testContext(simulator, 'signed'));
  await provider.create({ inputs: binding(NUMBERS[0] as string, APP_A.key) });
  await admin(simulator, 'PUT', 'numbers', { number: '+12019999999', capabilities: ['voice'] });
  await provider.create({ inputs: binding('+12019999999', APP_A.key) });
  expect((await bindings())['+12019999999/voice']).toBe(APP_A.key);
  await expect(failureOf(provider.create({ inputs: binding('+14155550123', APP_A.key) }))).resolves.toHaveProperty(
    'message',
    expect.stringMatching(/not a number of this Sinch project/),
  );
});
