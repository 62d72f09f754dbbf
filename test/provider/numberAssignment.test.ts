import { NumberBoundElsewhere, NumberNotOwned } from '../../provider';
import type { AuthScheme } from '../../provider';
import { type NumberAssignmentInputs, type NumberAssignmentOutputs } from '../../provider/implementation';
import { numberAssignmentProvider } from '../support/implementations';
import { APP_A, APP_B, failureOf, FOREIGN_NUMBER, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { SERIALIZED_PROVIDER, testContext, type TestContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

const simulator = sharedSimulator();

const APP_C = { key: '0c0c0c0c-1111-2222-3333-444444444444', secret: 'c2VjcmV0LWM=' };
const requests = async () =>
  (await admin<{ requests: Array<{ route: string }> }>(simulator, 'GET', 'requests')).requests.map(
    (entry) => entry.route,
  );
const bind = (number: string, applicationKey: string, capability = 'voice') =>
  admin(simulator, 'PUT', 'bindings', { number, applicationKey, capability });
const bindingOf = async (number: string, capability = 'voice') =>
  (await simulatorState(simulator)).bindings[`${number}/${capability}`];

function declared(overrides: Partial<NumberAssignmentInputs> = {}): NumberAssignmentInputs {
  return { number: VOICE_ONLY, applicationKey: APP_A.key, capability: 'voice', allowReassign: false, ...overrides };
}
const recorded = (overrides: Partial<NumberAssignmentOutputs> = {}): NumberAssignmentOutputs => ({
  ...declared(),
  assignedApplicationKey: APP_A.key,
  ...overrides,
});
/** What the engine passes: the checked inputs plus `__provider`. */
const withProvider = <T extends object>(value: T): T => ({ ...value, ...SERIALIZED_PROVIDER });

describe.each<AuthScheme>(['signed', 'basic'])('NumberAssignment provider (%s)', (auth) => {
  let context: TestContext;
  let provider: ReturnType<typeof numberAssignmentProvider>;
  beforeEach(() => {
    context = testContext(simulator, auth);
    provider = numberAssignmentProvider(context);
  });

  describe('check', () => {
    it('fills every default so that diff compares complete values', async () => {
      const result = await provider.check({
        olds: {} as NumberAssignmentInputs,
        news: withProvider({ number: VOICE_ONLY }) as NumberAssignmentInputs,
      });
      expect(result).toEqual({ inputs: declared(), failures: [] });
    });

    it.each([
      [{ number: '12015550100' }, 'number', /not in E\.164 form.*write it as "\+12015550100"/],
      [{ number: '+1 (201) 555-0100' }, 'number', /not in E\.164 form.*write it as "\+12015550100"/],
      [{ number: '+1234' }, 'number', /not a possible phone number/],
      [{ number: 12015550100 }, 'number', /must be a phone number in E\.164 form/],
      [{ number: VOICE_ONLY, capability: 'fax' }, 'capability', /must be one of voice, sms; got "fax"/],
      [{ number: VOICE_ONLY, allowReassign: 'yes' }, 'allowReassign', /true or false/],
      [{ number: VOICE_ONLY, applicationKey: 'a/b' }, 'applicationKey', /not a Sinch application key/],
    ])('%p fails on %s, before any API call', async (news, property, reason) => {
      const result = await provider.check({
        olds: {} as NumberAssignmentInputs,
        news: news as unknown as NumberAssignmentInputs,
      });
      expect(result.failures).toEqual([{ property, reason: expect.stringMatching(reason) }]);
      expect(await requests()).toEqual([]);
    });

    it('without an applicationKey and no configured one, fails naming the property and the configuration key', async () => {
      const bare = numberAssignmentProvider({ ...context, settings: () => ({}) });
      const result = await bare.check({
        olds: {} as NumberAssignmentInputs,
        news: { number: VOICE_ONLY } as NumberAssignmentInputs,
      });
      expect(result.failures).toEqual([
        { property: 'applicationKey', reason: expect.stringMatching(/sinch:applicationKey/) },
      ]);
    });

    it('leaves values that are not known yet (preview) for later', async () => {
      const unknown = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
      const result = await provider.check({
        olds: {} as NumberAssignmentInputs,
        news: { number: unknown, applicationKey: unknown } as NumberAssignmentInputs,
      });
      expect(result.failures).toEqual([]);
    });
  });

  describe('diff', () => {
    it('no change, even when __provider differs and olds come from an older state', async () => {
      const olds = {
        ...SERIALIZED_PROVIDER,
        number: VOICE_ONLY,
        applicationKey: APP_A.key,
        assignedApplicationKey: APP_A.key,
        __provider: 'old code',
      };
      const result = await provider.diff({
        id: 'id',
        olds: olds as unknown as NumberAssignmentOutputs,
        news: withProvider(declared()),
      });
      expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it.each([
      [{ number: VOICE_ONLY_2 }, ['number']],
      [{ capability: 'sms' as const }, ['capability']],
    ])('%p replaces', async (change, replaces) => {
      expect(await provider.diff({ id: 'id', olds: recorded(), news: declared(change) })).toMatchObject({
        changes: true,
        replaces,
      });
    });

    it('a new applicationKey is an in-place update', async () => {
      expect(
        await provider.diff({ id: 'id', olds: recorded(), news: declared({ applicationKey: APP_B.key }) }),
      ).toEqual({
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });
  });

  describe('create', () => {
    it('assigns an unbound number and answers the id and complete outputs', async () => {
      const result = await provider.create({ inputs: withProvider(declared()) });
      expect(result).toEqual({ id: `${VOICE_ONLY}/voice`, outs: recorded({ adopted: false }) });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
    });

    it('adopts a number already bound to the declared application, without assigning', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      const result = await provider.create({ inputs: withProvider(declared()) });
      expect(result.outs).toEqual(recorded({ adopted: true, foundApplicationKey: APP_A.key }));
      expect(await requests()).toEqual(['GET /v1/configuration/numbers']);
      expect(context.logs).toEqual([
        `${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}, nothing written; destroy leaves it bound`,
      ]);
    });

    it('refuses a number bound to another application, naming it and saying how to proceed, and leaves it', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      const error = await failureOf(provider.create({ inputs: withProvider(declared()) }));
      expect(error.message).toContain(`bound to application ${APP_B.key}`);
      expect(error.message).toMatch(/allowReassign: true/);
      // A typed refusal whose fields a caller can read.
      expect(error).toBeInstanceOf(NumberBoundElsewhere);
      expect({ ...(error as NumberBoundElsewhere) }).toMatchObject({
        number: VOICE_ONLY,
        capability: 'voice',
        holder: APP_B.key,
        declared: APP_A.key,
      });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
      expect(await requests()).not.toContain('POST /v1/configuration/numbers');
    });

    it('with allowReassign, moves it', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      await provider.create({ inputs: withProvider(declared({ allowReassign: true })) });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
      expect(context.logs).toEqual([expect.stringMatching(/moves from .* \(allowReassign\)/)]);
    });

    it('a number the project does not own: a clear error, no assignment', async () => {
      const error = await failureOf(provider.create({ inputs: withProvider(declared({ number: FOREIGN_NUMBER })) }));
      expect(error.message).toMatch(/\+14155550123 is not a number of this Sinch project/);
      expect(error).toBeInstanceOf(NumberNotOwned);
      expect({ ...(error as NumberNotOwned) }).toMatchObject({ number: FOREIGN_NUMBER, holder: undefined });
      expect(await requests()).toEqual(['GET /v1/configuration/numbers']);
    });

    it('a capability the number does not support: Sinch says why', async () => {
      const error = await failureOf(provider.create({ inputs: withProvider(declared({ capability: 'sms' })) }));
      expect(error.message).toMatch(/does not support the sms capability/);
    });

    it('binds the sms capability of a voice-and-sms number independently', async () => {
      await bind(VOICE_AND_SMS, APP_B.key, 'voice');
      const result = await provider.create({
        inputs: withProvider(declared({ number: VOICE_AND_SMS, capability: 'sms' })),
      });
      expect(result.id).toBe(`${VOICE_AND_SMS}/sms`);
      expect((await simulatorState(simulator)).bindings).toEqual({
        [`${VOICE_AND_SMS}/voice`]: APP_B.key,
        [`${VOICE_AND_SMS}/sms`]: APP_A.key,
      });
    });
  });

  describe('read (refresh)', () => {
    it('reports the live binding, with inputs', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      const result = await provider.read({ id: `${VOICE_ONLY}/voice`, props: withProvider(recorded()) });
      expect(result).toEqual({ id: `${VOICE_ONLY}/voice`, props: recorded(), inputs: declared() });
    });

    it('a binding moved to another application reports that application, and keeps what this stack assigned', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      const result = await provider.read({ id: `${VOICE_ONLY}/voice`, props: recorded() });
      expect(result.props).toEqual(recorded({ applicationKey: APP_B.key, assignedApplicationKey: APP_A.key }));
      expect(result.inputs).toEqual(declared({ applicationKey: APP_B.key }));
    });

    it('an unassigned binding answers no id, so refresh drops it', async () => {
      expect(await provider.read({ id: `${VOICE_ONLY}/voice`, props: recorded() })).toEqual({});
    });

    it('a number gone from the project answers no id', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      await admin(simulator, 'DELETE', `numbers/${encodeURIComponent(VOICE_ONLY)}`);
      expect(await provider.read({ id: `${VOICE_ONLY}/voice`, props: recorded() })).toEqual({});
    });
  });

  describe('update', () => {
    it('moves the number to the new application and answers complete outputs', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      const result = await provider.update({
        id: `${VOICE_ONLY}/voice`,
        olds: recorded(),
        news: withProvider(declared({ applicationKey: APP_B.key })),
      });
      expect(result).toEqual({ outs: recorded({ applicationKey: APP_B.key, assignedApplicationKey: APP_B.key }) });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
    });

    it('restores drift that refresh recorded', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      const refreshed = recorded({ applicationKey: APP_B.key });
      await provider.update({ id: `${VOICE_ONLY}/voice`, olds: refreshed, news: declared() });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_A.key);
    });

    it('refuses to take the number from an application this stack never saw, unless allowReassign', async () => {
      await admin(simulator, 'PUT', 'applications', APP_C);
      await bind(VOICE_ONLY, APP_C.key);
      const error = await failureOf(
        provider.update({ id: `${VOICE_ONLY}/voice`, olds: recorded(), news: declared({ applicationKey: APP_B.key }) }),
      );
      expect(error.message).toContain(`bound to application ${APP_C.key}`);
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_C.key);
      await provider.update({
        id: `${VOICE_ONLY}/voice`,
        olds: recorded(),
        news: declared({ applicationKey: APP_B.key, allowReassign: true }),
      });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
    });

    it('a change of allowReassign alone makes no assignment', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      const result = await provider.update({
        id: `${VOICE_ONLY}/voice`,
        olds: recorded(),
        news: declared({ allowReassign: true }),
      });
      expect(result.outs).toEqual(recorded({ allowReassign: true }));
      expect(await requests()).toEqual(['GET /v1/configuration/numbers']);
    });
  });

  describe('delete', () => {
    it('unassigns a number still bound to the application this resource recorded', async () => {
      await bind(VOICE_ONLY, APP_A.key);
      await provider.delete({ id: `${VOICE_ONLY}/voice`, props: withProvider(recorded()) });
      expect(await bindingOf(VOICE_ONLY)).toBeUndefined();
    });

    it('leaves alone a number moved to another application since, and says so', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      await provider.delete({ id: `${VOICE_ONLY}/voice`, props: recorded() });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
      expect(context.logs).toEqual([expect.stringMatching(new RegExp(`left alone: it is bound to ${APP_B.key} now`))]);
      // A line the person should act on: a warning, not information.
      expect(context.warnings).toEqual(context.logs);
    });

    it('after a refresh that saw the move, still leaves it alone', async () => {
      await bind(VOICE_ONLY, APP_B.key);
      await provider.delete({ id: `${VOICE_ONLY}/voice`, props: recorded({ applicationKey: APP_B.key }) });
      expect(await bindingOf(VOICE_ONLY)).toBe(APP_B.key);
    });

    it('an already unassigned or vanished number is no error', async () => {
      await provider.delete({ id: `${VOICE_ONLY}/voice`, props: recorded() });
      await admin(simulator, 'DELETE', `numbers/${encodeURIComponent(VOICE_ONLY)}`);
      await provider.delete({ id: `${VOICE_ONLY}/voice`, props: recorded() });
      expect(await requests()).not.toContain('DELETE /v1/configuration/numbers');
    });
  });
});
