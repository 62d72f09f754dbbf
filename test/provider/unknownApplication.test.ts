/**
 * An application Sinch does not know, answered as its legacy documentation says (400/40003) or as Sinch may answer
 * instead (404/40400, the simulator's `unknownApplicationStatus`): each provider method fails with an error that names
 * the application, or treats it as gone, and nothing changes.
 */
import {
  type ApplicationCallbacksOutputs,
  type NumberAssignmentInputs,
  type NumberAssignmentOutputs,
} from '../../provider/implementation';
import { applicationCallbacksProvider, numberAssignmentProvider } from '../support/implementations';
import { APP_A, APP_B, failureOf, VOICE_ONLY } from '../support/fixtures';
import { testContext } from '../support/provider';
import { admin, sharedSimulator, simulatorState } from '../support/simulator';

/** Shaped like a key, but no application of the project (deleted in the dashboard, or mistyped). */
const GONE = '0c0c0c0c-1111-4222-8333-444444444444';
const PRIMARY = 'https://voice.example.com/events';

describe.each([400, 404] as const)('an unknown application answered %i', (status) => {
  const simulator = sharedSimulator({ unknownApplicationStatus: status });
  const deployment = () => {
    const context = testContext(simulator, 'signed');
    return { context, numbers: numberAssignmentProvider(context), callbacks: applicationCallbacksProvider(context) };
  };
  const routes = async () =>
    (await admin<{ requests: Array<{ route: string; status: number }> }>(simulator, 'GET', 'requests')).requests;
  const binding = (applicationKey: string): NumberAssignmentInputs => ({
    number: VOICE_ONLY,
    applicationKey,
    capability: 'voice',
    allowReassign: false,
  });
  const expectNamed = (error: Error) => {
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain(`Sinch does not know application ${GONE}`);
  };

  it('NumberAssignment create fails naming the application, sending the assign once; the number stays unbound', async () => {
    expectNamed(await failureOf(deployment().numbers.create({ inputs: binding(GONE) })));
    expect((await simulatorState(simulator)).bindings).toEqual({});
    expect((await routes()).filter((entry) => entry.route === 'POST /v1/configuration/numbers')).toEqual([
      expect.objectContaining({ status }),
    ]);
  });

  it('NumberAssignment update (a move to it) fails naming it; the number stays where it was', async () => {
    const { outs } = await deployment().numbers.create({ inputs: binding(APP_A.key) });
    expectNamed(
      await failureOf(
        deployment().numbers.update({
          id: `${VOICE_ONLY}/voice`,
          olds: outs as NumberAssignmentOutputs,
          news: binding(GONE),
        }),
      ),
    );
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
  });

  it('ApplicationCallbacks create fails naming it, and writes nothing', async () => {
    expectNamed(await failureOf(deployment().callbacks.create({ inputs: { applicationKey: GONE, primary: PRIMARY } })));
    expect((await routes()).map((entry) => entry.route)).toEqual([
      'GET /v1/configuration/callbacks/applications/{key}',
    ]);
  });

  it('ApplicationCallbacks update fails naming it', async () => {
    const olds: ApplicationCallbacksOutputs = { applicationKey: GONE, primary: PRIMARY, appliedPrimary: PRIMARY };
    expectNamed(
      await failureOf(
        deployment().callbacks.update({
          id: GONE,
          olds: olds,
          news: { applicationKey: GONE, primary: 'https://voice.example.com/v2' },
        }),
      ),
    );
    expect((await simulatorState(simulator)).callbacks[GONE]).toBeUndefined();
  });

  it('ApplicationCallbacks refresh drops the resource, and delete has nothing to undo', async () => {
    const recorded: ApplicationCallbacksOutputs = {
      applicationKey: GONE,
      primary: PRIMARY,
      appliedPrimary: PRIMARY,
      adopted: false,
    };
    expect(await deployment().callbacks.read({ id: GONE, props: recorded })).toEqual({});
    await deployment().callbacks.delete({ id: GONE, props: recorded });
    expect((await routes()).every((entry) => entry.route.startsWith('GET '))).toBe(true);
  });

  it('NumberAssignment delete: the application to give the number back to is gone; it stays bound, and a line says so', async () => {
    await admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_B.key });
    const { context, numbers } = deployment();
    const recorded: NumberAssignmentOutputs = {
      ...binding(APP_B.key),
      allowReassign: true,
      assignedApplicationKey: APP_B.key,
      adopted: false,
      foundApplicationKey: GONE,
    };
    await numbers.delete({ id: `${VOICE_ONLY}/voice`, props: recorded });
    expect((await simulatorState(simulator)).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_B.key });
    expect(context.warnings).toContainEqual(
      expect.stringContaining(
        `stays bound to ${APP_B.key}: ${GONE}, which held it before this stack took it, no longer exists`,
      ),
    );
  });
});
