/**
 * The benchmark's naive provider (bench/engine/naive.ts), installed as the benchmark installs it and required by name,
 * against a simulator as the benchmark starts it: one assign and one list call per binding's create, one list per
 * read, one unassign per delete, nothing shared between resources; the callbacks' write and read-back; and the state
 * left as the lifecycle expects it, declared after the creates and empty after the deletes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { NAIVE_CALLBACKS_MODULE, NAIVE_MODULE, installNaiveProvider } from '../../bench/engine/naive';
import { SinchWorld } from '../../bench/engine/world';
import { APPLICATION_CALLBACKS, NUMBER_ASSIGNMENT, inputNames, outputNames } from '../../provider/shapes';

const ASSIGN = 'POST /v1/configuration/numbers';
const LIST = 'GET /v1/configuration/numbers';
const UNASSIGN = 'DELETE /v1/configuration/numbers';
const CALLBACKS_WRITE = 'POST /v1/configuration/callbacks/applications/{key}';
const CALLBACKS_READ = 'GET /v1/configuration/callbacks/applications/{key}';

type Provider = Required<Omit<pulumi.dynamic.ResourceProvider, 'update'>>;

let project: string;
let world: SinchWorld;
let binding: Provider;
let callbacks: Provider;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'sinch-bench-naive-'));
  installNaiveProvider(project);
  world = await SinchWorld.start(3, 2, 0);
  const values = Object.fromEntries(Object.entries(world.credentials()).map(([key, { value }]) => [key, value]));
  const config = { get: (key: string) => values[key] } as unknown as pulumi.dynamic.Config;
  const load = (name: string) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module as the engine's program loads it
    const provider = require(join(project, 'node_modules', name)) as Provider;
    return provider;
  };
  binding = load(NAIVE_MODULE);
  callbacks = load(NAIVE_CALLBACKS_MODULE);
  await binding.configure({ config });
  await callbacks.configure({ config });
});

afterAll(async () => {
  await world.close();
  rmSync(project, { recursive: true, force: true });
});

/** The calls `action` made, by route. */
async function callsOf(action: () => Promise<unknown>): Promise<Record<string, number>> {
  await world.clearTraffic();
  await action();
  const { calls, refused } = await world.traffic();
  expect(refused).toBeUndefined();
  return Object.fromEntries(Object.entries(calls).filter(([, count]) => count > 0));
}

it('check fills in the defaults, diff compares; a binding is one assign and one list per create, one list per read, one unassign per delete', async () => {
  const [first] = world.program.bindings as [(typeof world.program.bindings)[0]];
  const declared = { number: first.number, applicationKey: first.applicationKey };
  const inputs = { ...declared, capability: 'voice', allowReassign: false };
  expect(await binding.check({}, declared)).toEqual({ inputs });
  expect((await binding.diff(first.number, inputs, inputs)).changes).toBe(false);
  const moved = await binding.diff(first.number, inputs, { ...inputs, applicationKey: 'another' });
  expect(moved).toMatchObject({ changes: true, replaces: ['applicationKey'] });

  let created: pulumi.dynamic.CreateResult | undefined;
  expect(await callsOf(async () => (created = await binding.create(inputs)))).toEqual({ [ASSIGN]: 1, [LIST]: 1 });
  const id = `${first.number}/voice`;
  const outs = { ...inputs, assignedApplicationKey: first.applicationKey, adopted: false };
  expect(created).toEqual({ id, outs });
  // As the engine calls it, with the recorded outputs as the olds: the outputs a create adds are no change.
  expect((await binding.diff(id, outs, inputs)).changes).toBe(false);
  expect(await binding.diff(id, outs, { ...inputs, allowReassign: true })).toMatchObject({
    changes: true,
    replaces: ['allowReassign'],
  });
  let read: pulumi.dynamic.ReadResult | undefined;
  expect(await callsOf(async () => (read = await binding.read(id, outs)))).toEqual({ [LIST]: 1 });
  expect(read).toEqual({ id, props: outs });
  expect(await callsOf(() => binding.delete(id, outs))).toEqual({ [UNASSIGN]: 1 });
  expect(await binding.read(id, outs)).toEqual({});
});

it("the naive resources have the public shape of the package's: their outputs are the properties the shapes say a create records", async () => {
  const [first] = world.program.bindings as [(typeof world.program.bindings)[0]];
  const { inputs } = await binding.check({}, { number: first.number, applicationKey: first.applicationKey });
  const { outs } = await binding.create(inputs);
  expect(Object.keys(inputs).sort()).toEqual([...inputNames(NUMBER_ASSIGNMENT)].sort());
  // foundApplicationKey is recorded only when the number was bound elsewhere, which the naive provider never reads.
  expect(Object.keys(outs as object).sort()).toEqual(
    outputNames(NUMBER_ASSIGNMENT)
      .filter((name) => name !== 'foundApplicationKey')
      .sort(),
  );
  await binding.delete(`${first.number}/voice`, outs);

  const [application] = world.program.callbacks as [(typeof world.program.callbacks)[0]];
  const declared = { applicationKey: application.applicationKey, primary: application.primary };
  const created = await callbacks.create((await callbacks.check({}, declared)).inputs);
  expect(created.id).toBe(application.applicationKey);
  expect((await callbacks.diff(created.id, created.outs, declared)).changes).toBe(false);
  // The fallback is not declared, so neither it nor what it was found or set to is recorded.
  expect(Object.keys(created.outs as object).sort()).toEqual(
    outputNames(APPLICATION_CALLBACKS)
      .filter((name) => !['fallback', 'appliedFallback', 'foundPrimary', 'foundFallback'].includes(name))
      .sort(),
  );
  await callbacks.delete(application.applicationKey, created.outs);
  await world.expectState('empty');
});

it('the declarations created one by one leave the declared state, each binding 2 calls; deleted, the empty state', async () => {
  const { bindings, callbacks: declared } = world.program;
  const calls = await callsOf(async () => {
    for (const { number, applicationKey } of bindings)
      await binding.create({ number, applicationKey, capability: 'voice', allowReassign: false });
    for (const { applicationKey, primary } of declared) await callbacks.create({ applicationKey, primary });
  });
  expect(calls).toEqual({
    [ASSIGN]: bindings.length,
    [LIST]: bindings.length,
    [CALLBACKS_WRITE]: declared.length,
    [CALLBACKS_READ]: declared.length,
  });
  await world.expectState('declared');
  const [application] = declared as [(typeof declared)[0]];
  const props = { applicationKey: application.applicationKey, primary: application.primary };
  expect(await callbacks.read(application.applicationKey, props)).toEqual({ id: application.applicationKey, props });

  await callsOf(async () => {
    for (const { number, applicationKey } of bindings)
      await binding.delete(`${number}/voice`, { number, capability: 'voice', assignedApplicationKey: applicationKey });
    for (const { applicationKey, primary } of declared)
      await callbacks.delete(applicationKey, { applicationKey, primary });
  });
  await world.expectState('empty');
});

it('a twin world: the same applications and program, a simulator of its own', async () => {
  const twin = await world.twin();
  try {
    expect(twin.program).toEqual(world.program);
    expect(twin.credentials()['sinch:applicationSecret']).toEqual(world.credentials()['sinch:applicationSecret']);
    expect(twin.credentials()['sinch:baseUrl']).not.toEqual(world.credentials()['sinch:baseUrl']);
  } finally {
    await twin.close();
  }
});
