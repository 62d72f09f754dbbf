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

it('check echoes, diff compares; a binding is one assign and one list per create, one list per read, one unassign per delete', async () => {
  const [first] = world.program.bindings as [(typeof world.program.bindings)[0]];
  const inputs = { number: first.number, applicationKey: first.applicationKey };
  expect(await binding.check({}, inputs)).toEqual({ inputs });
  expect((await binding.diff(first.number, inputs, inputs)).changes).toBe(false);
  const moved = await binding.diff(first.number, inputs, { ...inputs, applicationKey: 'another' });
  expect(moved).toMatchObject({ changes: true, replaces: ['applicationKey'] });

  let created: pulumi.dynamic.CreateResult | undefined;
  expect(await callsOf(async () => (created = await binding.create(inputs)))).toEqual({ [ASSIGN]: 1, [LIST]: 1 });
  expect(created).toEqual({ id: first.number, outs: inputs });
  let read: pulumi.dynamic.ReadResult | undefined;
  expect(await callsOf(async () => (read = await binding.read(first.number, inputs)))).toEqual({ [LIST]: 1 });
  expect(read).toEqual({ id: first.number, props: inputs });
  expect(await callsOf(() => binding.delete(first.number, inputs))).toEqual({ [UNASSIGN]: 1 });
  expect(await binding.read(first.number, inputs)).toEqual({});
});

it('the declarations created one by one leave the declared state, each binding 2 calls; deleted, the empty state', async () => {
  const { bindings, callbacks: declared } = world.program;
  const calls = await callsOf(async () => {
    for (const { number, applicationKey } of bindings) await binding.create({ number, applicationKey });
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
    for (const { number, applicationKey } of bindings) await binding.delete(number, { number, applicationKey });
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
