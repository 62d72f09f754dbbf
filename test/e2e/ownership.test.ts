/**
 * Ownership through the real engine: renames, reorders, adoption across stacks, URLs found before the first up,
 * and an interrupted up. After each, the simulator holds what the user intended, and a refresh followed by a
 * preview shows no hidden drift.
 *
 * Through both front ends (frontEnds.ts): the rename hand-over, two stacks, the give-back and the restored URLs. The
 * reorders, aliases and the interrupted up run through the dynamic resources only, to keep the plugin's runs within
 * the suite's time budget: they take the same paths of the implementation as the scenarios both run (the hand-over
 * of a replace is the rename's claim; an interrupted create is retried as an adoption). Moving either group to both
 * front ends is one word: its describe.each list.
 *
 * The hand-over holds within one provider instance, as it is one process: the default provider's, for both front
 * ends. A resource moved from one explicit provider (`pulumi:providers:sinch`) to another is not handed over: the
 * engine replaces it, the new provider's process creates (adopts) it and the old one's process deletes it, having
 * claimed nothing. So it is not tested as working here.
 */
import { APP_A, APP_B, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin } from '../support/simulator';
import { scratchScenarios, type DeclaredProgram, type Program, type StackConfig } from './engine';
import { DYNAMIC, FRONT_ENDS, PLUGIN, type FrontEnd } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const scenario = scratchScenarios('ownership');

const PRIMARY_A = 'https://a.example.com/voice';
const PRIMARY_B = 'https://b.example.com/voice';
const FALLBACK_B = 'https://b-backup.example.com/voice';

/** The scenario's operations through a front end, and the check that ends most scenarios. */
function ownershipOperations(frontEnd: FrontEnd) {
  const operations = stackOperations(scenario, frontEnd);
  /** After the scenario: refresh finds nothing to change, and neither does a preview after it. */
  async function expectNoHiddenDrift(
    program: Program,
    config: StackConfig = operations.credentials(),
    stack?: string,
  ): Promise<void> {
    const refresh = changes(await operations.succeed('refresh', program, config, {}, stack));
    expect(Object.keys(refresh).filter((kind) => kind !== 'same')).toEqual([]);
    const preview = await operations.succeed('preview', program, config, {}, stack);
    expect(Object.keys(preview).filter((kind) => kind !== 'same')).toEqual([]);
  }
  return { ...operations, expectNoHiddenDrift };
}

const LINE_AND_CALLBACKS = (
  lineName: string,
  callbacksName: string,
  aliases?: { line: string; callbacks: string },
): DeclaredProgram => ({
  numbers: [{ name: lineName, number: VOICE_ONLY, aliases: aliases ? [aliases.line] : undefined }],
  callbacks: [{ name: callbacksName, primary: PRIMARY_A, aliases: aliases ? [aliases.callbacks] : undefined }],
});
const LINE_AND_CALLBACKS_STATE = {
  bindings: { [`${VOICE_ONLY}/voice`]: APP_A.key },
  callbacks: { [APP_A.key]: { primary: PRIMARY_A } },
};

describe.each(FRONT_ENDS)('through the $name resources', (frontEnd) => {
  const { credentials, operate, succeed, bindingsAndCallbacks, expectNoHiddenDrift } = ownershipOperations(frontEnd);

  describe('renames', () => {
    it("without an alias: the new resources take over, the old ones' deletes leave the binding and the URLs", async () => {
      await succeed('up', LINE_AND_CALLBACKS('old-line', 'old-callbacks'));
      const renamed = LINE_AND_CALLBACKS('new-line', 'new-callbacks');
      const up = await operate('up', renamed);
      expect(up.ok).toBe(true);
      expect(changes(up.result!)).toEqual({ create: 2, delete: 2, same: 1 });
      expect(up.stdout).toContain(`${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}`);
      expect(up.stdout).toContain(
        `${VOICE_ONLY} (voice) left as it is: another resource of this stack took it over in this deployment`,
      );
      expect(up.stdout).toContain(
        `callbacks of ${APP_A.key} left as they are: another resource of this stack took them over`,
      );
      // Each line about the resource it concerns (the plugin: under that resource, in the engine's log).
      expect(up.stdout).toMatch(
        frontEnd.line('NumberAssignment', 'new-line', `${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}`),
      );
      expect(up.stdout).toMatch(
        frontEnd.line('NumberAssignment', 'old-line', `${VOICE_ONLY} (voice) left as it is: another resource`),
      );
      expect(up.stdout).toMatch(
        frontEnd.line('ApplicationCallbacks', 'old-callbacks', `callbacks of ${APP_A.key} left as they are`),
      );
      expect(await bindingsAndCallbacks()).toEqual(LINE_AND_CALLBACKS_STATE);
      await expectNoHiddenDrift(renamed);
    });
  });

  describe('two stacks declare the same binding', () => {
    const ONE_LINE: DeclaredProgram = { numbers: [{ name: 'line', number: VOICE_ONLY }], callbacks: [] };
    const stackA = () => scenario.stack;
    const stackB = () => `${scenario.stack}-b`;

    it("B adopts A's binding visibly; destroying B leaves it, and A sees no drift", async () => {
      await succeed('up', ONE_LINE, credentials(), {}, stackA());
      const adopt = await operate('up', ONE_LINE, credentials(), {}, stackB());
      expect(adopt.ok).toBe(true);
      expect(adopt.stdout).toContain(
        `${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}, nothing written; destroy leaves it bound`,
      );
      const exported = (await operate('export', ONE_LINE, credentials(), {}, stackB())).result as {
        deployment: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
      };
      const line = exported.deployment.resources.find((resource) => resource.type.endsWith('NumberAssignment'));
      expect(line?.outputs).toMatchObject({ adopted: true, foundApplicationKey: APP_A.key });

      await succeed('destroy', ONE_LINE, credentials(), {}, stackB());
      expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
      await expectNoHiddenDrift(ONE_LINE, credentials(), stackA());
    });

    it('destroying A, which bound it, unassigns it; B then finds it gone on refresh', async () => {
      await succeed('up', ONE_LINE, credentials(), {}, stackA());
      await succeed('up', ONE_LINE, credentials(), {}, stackB());
      await succeed('destroy', ONE_LINE, credentials(), {}, stackA());
      expect((await bindingsAndCallbacks()).bindings).toEqual({});
      expect(changes(await succeed('refresh', ONE_LINE, credentials(), {}, stackB()))).toEqual({ delete: 1, same: 1 });
    });
  });

  it('callback URLs set in the dashboard before the first up: up writes the declared ones, destroy puts them back', async () => {
    const dashboard = {
      primary: 'https://dashboard.example.com/voice',
      fallback: 'https://dashboard-backup.example.com/voice',
    };
    await admin(scenario.simulator, 'PUT', `callbacks/${APP_B.key}`, dashboard);
    const program: DeclaredProgram = {
      numbers: [],
      callbacks: [{ name: 'callbacks-b', applicationKey: APP_B.key, primary: PRIMARY_B }],
    };
    await succeed('up', program);
    expect((await bindingsAndCallbacks()).callbacks).toEqual({ [APP_B.key]: { primary: PRIMARY_B } });
    await expectNoHiddenDrift(program);
    const destroy = await operate('destroy', program);
    expect(destroy.ok).toBe(true);
    expect(destroy.stdout).toContain(`callbacks of ${APP_B.key} put back as found before this stack`);
    expect((await bindingsAndCallbacks()).callbacks).toEqual({ [APP_B.key]: dashboard });
  });

  it('a number taken from another application (allowReassign) goes back to it on destroy', async () => {
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key });
    const program: DeclaredProgram = {
      numbers: [{ name: 'taken', number: VOICE_ONLY_2, allowReassign: true }],
      callbacks: [],
    };
    await succeed('up', program);
    expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY_2}/voice`]: APP_A.key });
    await succeed('destroy', program);
    expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY_2}/voice`]: APP_B.key });
  });
});

// Within the plugin's time budget, through the dynamic resources only (see the top of this file).
describe.each([DYNAMIC])('through the $name resources', (frontEnd) => {
  const { credentials, operate, succeed, bindingsAndCallbacks, apiRoutes, start, expectNoHiddenDrift } =
    ownershipOperations(frontEnd);

  describe('renames', () => {
    it('with aliases: nothing to do, and no API write', async () => {
      await succeed('up', LINE_AND_CALLBACKS('old-line', 'old-callbacks'));
      await admin(scenario.simulator, 'DELETE', 'requests');
      const aliased = LINE_AND_CALLBACKS('new-line', 'new-callbacks', { line: 'old-line', callbacks: 'old-callbacks' });
      expect(changes(await succeed('up', aliased))).toEqual({ same: 3 });
      expect((await apiRoutes()).filter((route) => !route.startsWith('GET'))).toEqual([]);
      expect(await bindingsAndCallbacks()).toEqual(LINE_AND_CALLBACKS_STATE);
      await expectNoHiddenDrift(aliased);
    });
  });

  describe('reorders', () => {
    const TWO_APPLICATIONS_STATE = {
      bindings: {},
      callbacks: { [APP_A.key]: { primary: PRIMARY_A }, [APP_B.key]: { primary: PRIMARY_B, fallback: FALLBACK_B } },
    };

    it('the top-level stack names resources after what they manage: swapping its callbacks list changes nothing', async () => {
      const program = scenario.project.useTopLevelProgram();
      const declare = (entries: object[]): StackConfig => ({
        ...credentials(),
        'sinch-voice:callbacks': { value: JSON.stringify(entries) },
      });
      const forA = { applicationKey: APP_A.key, primary: PRIMARY_A };
      const forB = { applicationKey: APP_B.key, primary: PRIMARY_B, fallback: FALLBACK_B };
      await succeed('up', program, declare([forA, forB]));
      const swapped = declare([forB, forA]);
      expect(changes(await succeed('up', program, swapped))).toEqual({ same: 3 });
      expect(await bindingsAndCallbacks()).toEqual(TWO_APPLICATIONS_STATE);
      await expectNoHiddenDrift(program, swapped);
    });

    it('a program that names resources by position: the swap replaces both, and both keep their URLs', async () => {
      const byPosition = (first: object, second: object): DeclaredProgram => ({
        numbers: [],
        callbacks: [
          { name: 'callbacks-1', ...first },
          { name: 'callbacks-2', ...second },
        ] as DeclaredProgram['callbacks'],
      });
      const forA = { applicationKey: APP_A.key, primary: PRIMARY_A };
      const forB = { applicationKey: APP_B.key, primary: PRIMARY_B, fallback: FALLBACK_B };
      await succeed('up', byPosition(forA, forB));
      const swapped = byPosition(forB, forA);
      expect(changes(await succeed('up', swapped))).toEqual({ replace: 2, same: 1 });
      expect(await bindingsAndCallbacks()).toEqual(TWO_APPLICATIONS_STATE);
      await expectNoHiddenDrift(swapped);
    });

    it('a program that names numbers by position: swapping two numbers keeps both bindings', async () => {
      const byPosition = (first: string, second: string): DeclaredProgram => ({
        numbers: [
          { name: 'number-1', number: first, applicationKey: first === VOICE_ONLY ? APP_A.key : APP_B.key },
          { name: 'number-2', number: second, applicationKey: second === VOICE_ONLY ? APP_A.key : APP_B.key },
        ],
        callbacks: [],
      });
      await succeed('up', byPosition(VOICE_ONLY, VOICE_ONLY_2));
      const swapped = byPosition(VOICE_ONLY_2, VOICE_ONLY);
      expect(changes(await succeed('up', swapped))).toEqual({ replace: 2, same: 1 });
      expect((await bindingsAndCallbacks()).bindings).toEqual({
        [`${VOICE_ONLY}/voice`]: APP_A.key,
        [`${VOICE_ONLY_2}/voice`]: APP_B.key,
      });
      await expectNoHiddenDrift(swapped);
    });
  });

  describe('an interrupted up', () => {
    it('killed after the assignment landed and before the engine recorded it: `pulumi cancel` then `pulumi up` converge', async () => {
      const program: DeclaredProgram = { numbers: [{ name: 'line', number: VOICE_ONLY }], callbacks: [] };
      // Slow list calls leave a window between the assignment and its read-back.
      await admin(scenario.simulator, 'POST', 'faults', {
        status: 0,
        delayMs: 3000,
        route: 'GET /v1/configuration/numbers',
        count: 2,
      });
      const running = start('up', program);
      while ((await bindingsAndCallbacks()).bindings[`${VOICE_ONLY}/voice`] !== APP_A.key)
        await new Promise((resolve) => setTimeout(resolve, 50));
      running.killGroup();
      expect(await running.result).toMatchObject({ ok: false, message: 'killed by SIGKILL' });

      const locked = await operate('up', program);
      expect(locked.ok).toBe(false);
      expect(locked.message).toMatch(/the stack is currently locked.*pulumi cancel/s);
      await succeed('cancel', program);
      const retried = await operate('up', program);
      expect(retried.ok).toBe(true);
      expect(changes(retried.result!)).toEqual({ create: 1, same: 1 });
      expect(retried.stdout).toContain('1 pending operations from previous deployment');
      expect(retried.stdout).toContain(`${VOICE_ONLY} (voice) adopted`);
      expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
      await expectNoHiddenDrift(program);
    });
  });

  it("Pulumi's `import` option: the engine cannot import a dynamic resource (its read gets no serialized provider), and nothing is written", async () => {
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    const program: DeclaredProgram = {
      numbers: [{ name: 'line', number: VOICE_ONLY, importId: `${VOICE_ONLY}/voice` }],
      callbacks: [],
    };
    const imported = await operate('up', program);
    expect(imported.ok).toBe(false);
    expect(imported.message).toContain('code must be a string, not undefined');
    expect(await apiRoutes()).toEqual([]);
    expect((await bindingsAndCallbacks()).bindings).toEqual({ [`${VOICE_ONLY}/voice`]: APP_A.key });
  });
});

describe('through the plugin only', () => {
  const { operate, succeed, bindingsAndCallbacks, apiRoutes, expectNoHiddenDrift } = ownershipOperations(PLUGIN);

  it("Pulumi's `import` option imports what exists with no write, records it as found, and destroy leaves it", async () => {
    await admin(scenario.simulator, 'PUT', 'bindings', { number: VOICE_ONLY, applicationKey: APP_A.key });
    await admin(scenario.simulator, 'PUT', `callbacks/${APP_A.key}`, { primary: PRIMARY_A });
    await admin(scenario.simulator, 'DELETE', 'requests');
    const program: DeclaredProgram = {
      numbers: [{ name: 'line', number: VOICE_ONLY, importId: `${VOICE_ONLY}/voice` }],
      callbacks: [{ name: 'callbacks', primary: PRIMARY_A, importId: APP_A.key }],
    };
    const imported = await operate('up', program);
    expect(imported.ok).toBe(true);
    expect(changes(imported.result!)).toEqual({ create: 1, import: 2 });
    expect(imported.stdout).toMatch(
      PLUGIN.line(
        'NumberAssignment',
        'line',
        `${VOICE_ONLY} (voice) imported: bound to ${APP_A.key}; destroy leaves it bound`,
      ),
    );
    const exported = (await operate('export', program)).result as {
      deployment: { resources: Array<{ type: string; outputs?: Record<string, unknown> }> };
    };
    const outputsOf = (type: string) =>
      exported.deployment.resources.find((resource) => resource.type === type)?.outputs;
    expect(outputsOf(PLUGIN.type('NumberAssignment'))).toMatchObject({ adopted: true, foundApplicationKey: APP_A.key });
    expect(outputsOf(PLUGIN.type('ApplicationCallbacks'))).toMatchObject({ adopted: true, foundPrimary: PRIMARY_A });
    await expectNoHiddenDrift(program);
    await succeed('destroy', program);
    expect((await apiRoutes()).filter((route) => !route.startsWith('GET'))).toEqual([]);
    expect(await bindingsAndCallbacks()).toEqual(LINE_AND_CALLBACKS_STATE);
  });
});
