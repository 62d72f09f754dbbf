/**
 * docs/migrating-from-dynamic.md, step by step through the engine: one stack moves from the dynamic resources to the
 * plugin's without unbinding anything. After every step the simulator holds the bindings and callback URLs it held
 * before the migration, and no write (POST, PUT or DELETE of /v1/configuration) has been made since; at the end,
 * destroying the plugin's stack leaves the imported bindings and URLs in place (imports record adoption). And why
 * the procedure is needed: the classes swapped in one up unbind what the stack bound.
 */
import { APP_A, APP_B, VOICE_AND_SMS, VOICE_ONLY, VOICE_ONLY_2 } from '../support/fixtures';
import { admin } from '../support/simulator';
import { scratchScenarios, type DeclaredNumber, type DeclaredProgram } from './engine';
import { DYNAMIC, PLUGIN } from './frontEnds';
import { changes, stackOperations } from './stack';

jest.setTimeout(30 * 60_000);

const PRIMARY_A = 'https://a.example.com/voice';
const FALLBACK_A = 'https://a-backup.example.com/voice';

// A number that the stack took from application B (allowReassign) before the migration, as the dashboard bound it.
const scenario = scratchScenarios('migration', (simulator) =>
  admin(simulator, 'PUT', 'bindings', { number: VOICE_ONLY_2, applicationKey: APP_B.key }),
);

/** The stack's resources, as the dynamic resources declared them and as the plugin's declare them. */
const declaration = (options: { retainOnDelete?: boolean; imported?: boolean } = {}): DeclaredProgram => {
  const { retainOnDelete, imported } = options;
  return {
    numbers: (
      [
        { name: 'main-line', number: VOICE_ONLY, importId: imported ? `${VOICE_ONLY}/voice` : undefined },
        {
          name: 'sms-line',
          number: VOICE_AND_SMS,
          applicationKey: APP_B.key,
          capability: 'sms',
          importId: imported ? `${VOICE_AND_SMS}/sms` : undefined,
        },
        {
          name: 'taken',
          number: VOICE_ONLY_2,
          allowReassign: true,
          importId: imported ? `${VOICE_ONLY_2}/voice` : undefined,
        },
      ] as DeclaredNumber[]
    ).map((declared) => ({ ...declared, retainOnDelete })),
    callbacks: [
      {
        name: 'callbacks',
        primary: PRIMARY_A,
        fallback: FALLBACK_A,
        retainOnDelete,
        importId: imported ? APP_A.key : undefined,
      },
    ],
  };
};

/** The dynamic resources' types, whatever the kind. */
const DYNAMIC_TYPES = 'pulumi-nodejs:dynamic/sinch:';

const EMPTY: DeclaredProgram = { numbers: [], callbacks: [] };

interface ExportedResource {
  type: string;
  retainOnDelete?: boolean;
  outputs?: Record<string, unknown>;
}

it('retainOnDelete, remove the dynamic resources, import the plugin’s: nothing unbound, no write, and destroy leaves the imports', async () => {
  const dynamic = stackOperations(scenario, DYNAMIC);
  const plugin = stackOperations(scenario, PLUGIN);
  const resources = async () =>
    (
      JSON.parse(await scenario.project.exportState(scenario.stack)) as {
        deployment: { resources: ExportedResource[] };
      }
    ).deployment.resources;
  const requests = async () =>
    (await admin<{ requests: Array<{ method: string; path: string }> }>(scenario.simulator, 'GET', 'requests'))
      .requests;

  // Before the migration: the stack made through the dynamic resources.
  expect(changes(await dynamic.succeed('up', declaration()))).toEqual({ create: 5 });
  const bound = await dynamic.bindingsAndCallbacks();
  expect(bound).toEqual({
    bindings: {
      [`${VOICE_ONLY}/voice`]: APP_A.key,
      [`${VOICE_AND_SMS}/sms`]: APP_B.key,
      [`${VOICE_ONLY_2}/voice`]: APP_A.key,
    },
    callbacks: { [APP_A.key]: { primary: PRIMARY_A, fallback: FALLBACK_A } },
  });
  await admin(scenario.simulator, 'DELETE', 'requests');
  /** After each step: the bindings and URLs as they were, and no write since the migration began. */
  const expectUntouched = async (step: string) => {
    expect({ step, ...(await dynamic.bindingsAndCallbacks()) }).toEqual({ step, ...bound });
    const writes = (await requests())
      .filter((entry) => entry.method !== 'GET' && entry.path.startsWith('/v1/configuration'))
      .map((entry) => `${entry.method} ${entry.path}`);
    expect({ step, writes }).toEqual({ step, writes: [] });
  };

  // 1. retainOnDelete on every dynamic resource, and up: nothing to do but record the option.
  expect(changes(await dynamic.succeed('up', declaration({ retainOnDelete: true })))).toEqual({ same: 5 });
  const retained = (await resources()).filter((resource) => resource.type.startsWith(DYNAMIC_TYPES));
  expect(retained.map((resource) => resource.retainOnDelete)).toEqual([true, true, true, true]);
  await expectUntouched('1: retainOnDelete');

  // 2. The dynamic resources removed from the program, and up: they leave the state, and their provider is not called.
  const removed = await dynamic.operate('up', EMPTY);
  expect(removed.ok).toBe(true);
  expect(changes(removed.result!)).toEqual({ delete: 4, same: 1 });
  expect(removed.stdout?.match(/deleted \([\d.]+s\)\[retain\]/g)).toHaveLength(4);
  expect((await resources()).filter((resource) => resource.type.startsWith(DYNAMIC_TYPES))).toEqual([]);
  await expectUntouched('2: removed');

  // 3. The plugin's resources, declared with the `import` option: the preview shows the imports. `taken` declares
  // allowReassign: true, which an import cannot read from the API (it reads false), so the engine plans an update of
  // that input alone after the import; the update finds the number bound as declared and writes nothing.
  expect(await plugin.succeed('preview', declaration({ imported: true }))).toEqual({ import: 4, update: 1, same: 1 });
  await expectUntouched('3: preview of the imports');
  const imported = await plugin.operate('up', declaration({ imported: true }));
  expect(imported.ok).toBe(true);
  expect(changes(imported.result!)).toEqual({ import: 4, update: 1, same: 1 });
  expect(imported.stdout).toMatch(
    PLUGIN.line('NumberAssignment', 'taken', `${VOICE_ONLY_2} (voice) imported: bound to ${APP_A.key}`),
  );
  const outputs = (kind: 'NumberAssignment' | 'ApplicationCallbacks', resources_: ExportedResource[]) =>
    resources_.filter((resource) => resource.type === PLUGIN.type(kind)).map((resource) => resource.outputs);
  const state = await resources();
  expect(outputs('NumberAssignment', state)).toHaveLength(3);
  for (const recorded of outputs('NumberAssignment', state)) expect(recorded).toMatchObject({ adopted: true });
  expect(outputs('ApplicationCallbacks', state)).toEqual([
    expect.objectContaining({ adopted: true, foundPrimary: PRIMARY_A, foundFallback: FALLBACK_A }),
  ]);
  await expectUntouched('3: up with the imports');

  // 4. The `import` options can stay or go: either way, a preview shows no change, and neither does a refresh.
  expect(await plugin.succeed('preview', declaration())).toEqual({ same: 5 });
  expect(await plugin.succeed('preview', declaration({ imported: true }))).toEqual({ same: 5 });
  expect(changes(await plugin.succeed('refresh', declaration()))).toEqual({ same: 5 });
  await expectUntouched('4: preview and refresh');

  // Destroying the plugin's stack: what it imported, it found, so the bindings stay bound and the URLs stay set.
  const destroy = await plugin.operate('destroy', declaration());
  expect(destroy.ok).toBe(true);
  expect(changes(destroy.result!)).toEqual({ delete: 5 });
  expect(destroy.stdout).toMatch(
    PLUGIN.line(
      'NumberAssignment',
      'main-line',
      `${VOICE_ONLY} (voice) stays bound to ${APP_A.key}: it was bound so before this stack adopted it`,
    ),
  );
  await expectUntouched('destroy');
});

it('why the procedure: swapping the classes in one up unassigns what the stack bound and clears its URLs, though the new resources record them as adopted', async () => {
  const dynamic = stackOperations(scenario, DYNAMIC);
  const plugin = stackOperations(scenario, PLUGIN);
  const program: DeclaredProgram = {
    numbers: [{ name: 'main-line', number: VOICE_ONLY }],
    callbacks: [{ name: 'callbacks', primary: PRIMARY_A }],
  };
  await dynamic.succeed('up', program);
  expect(await dynamic.bindingsAndCallbacks()).toEqual({
    bindings: { [`${VOICE_ONLY}/voice`]: APP_A.key, [`${VOICE_ONLY_2}/voice`]: APP_B.key },
    callbacks: { [APP_A.key]: { primary: PRIMARY_A } },
  });
  // The plugin's creates adopt; the dynamic resources' deletes, in another process, know nothing of them.
  const swapped = await plugin.operate('up', program);
  expect(swapped.ok).toBe(true);
  expect(changes(swapped.result!)).toEqual({ create: 2, delete: 2, same: 1 });
  expect(swapped.stdout).toMatch(
    PLUGIN.line('NumberAssignment', 'main-line', `${VOICE_ONLY} (voice) adopted: already bound to ${APP_A.key}`),
  );
  expect(await dynamic.bindingsAndCallbacks()).toEqual({
    bindings: { [`${VOICE_ONLY_2}/voice`]: APP_B.key },
    callbacks: {},
  });
});
