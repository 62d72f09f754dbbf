/**
 * The plugin benchmark's floor, over gRPC as the engine calls it: a schema of one resource type with the properties
 * the floor's YAML program gives, configure without secrets, and every resource method answered at once with what it
 * was given. And installed, the executable prints its port as a plugin must.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pb from '@pulumi/pulumi/proto/provider_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { NOTHING_PROPERTIES, NOTHING_TYPE, serveNothing } from '../../bench/floorPlugin/nothing';
import { FLOOR_PLUGIN_EXECUTABLE, installFloorPlugin } from '../../bench/floorPlugin/install';
import { pluginClient, struct, type PluginClient } from '../plugin/rpc';

let plugin: { port: number; close: () => void };
let client: PluginClient;

beforeAll(async () => {
  plugin = await serveNothing();
  client = pluginClient(plugin.port);
});
afterAll(() => {
  client.close();
  plugin.close();
});

const URN = `urn:pulumi:n50::bench-plugin-n50-floor::${NOTHING_TYPE}::number-0`;
const INPUTS = { number: '+14155550000', applicationKey: '0b5e4c11-0000-4000-8000-000000000001' };

it('the schema: package nothing, one resource type with the properties of the Sinch program', async () => {
  const schema = JSON.parse((await client.getSchema(new pb.GetSchemaRequest())).getSchema()) as {
    name: string;
    resources: Record<string, { inputProperties: Record<string, unknown> }>;
  };
  expect(schema.name).toBe('nothing');
  expect(Object.keys(schema.resources)).toEqual([NOTHING_TYPE]);
  expect(Object.keys(schema.resources[NOTHING_TYPE]?.inputProperties ?? {})).toEqual([...NOTHING_PROPERTIES]);
  expect((await client.getPluginInfo(new Empty())).getVersion()).toBe('1.0.0');
});

it('configure: no secrets, no preview, as pulumi-resource-sinch answers', async () => {
  const configured = await client.configure(new pb.ConfigureRequest().setArgs(struct({})));
  expect(configured.getAcceptsecrets()).toBe(false);
  expect(configured.getSupportspreview()).toBe(false);
  const checked = await client.checkConfig(new pb.CheckRequest().setNews(struct({ version: '1.0.0' })));
  expect(checked.getInputs()?.toJavaScript()).toEqual({ version: '1.0.0' });
});

it('check, diff, create, read, update, delete: at once, with what they were given', async () => {
  const checked = await client.check(new pb.CheckRequest().setUrn(URN).setNews(struct(INPUTS)));
  expect(checked.getInputs()?.toJavaScript()).toEqual(INPUTS);
  expect(checked.getFailuresList()).toEqual([]);
  const diff = await client.diff(new pb.DiffRequest().setUrn(URN).setOlds(struct(INPUTS)).setNews(struct(INPUTS)));
  expect(diff.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);
  const created = await client.create(new pb.CreateRequest().setUrn(URN).setProperties(struct(INPUTS)));
  expect(created.getId()).toBe(INPUTS.number);
  expect(created.getProperties()?.toJavaScript()).toEqual(INPUTS);
  const callbacks = { applicationKey: INPUTS.applicationKey, primary: 'https://voice.example.com/' };
  const named = await client.create(new pb.CreateRequest().setUrn(URN).setProperties(struct(callbacks)));
  expect(named.getId()).toBe(INPUTS.applicationKey);
  const bare = await client.create(new pb.CreateRequest().setUrn(URN).setProperties(struct({})));
  expect(bare.getId()).toBe('number-0');
  const read = await client.read(
    new pb.ReadRequest().setUrn(URN).setId('+14155550000').setProperties(struct(INPUTS)).setInputs(struct(INPUTS)),
  );
  expect(read.getId()).toBe('+14155550000');
  expect(read.getProperties()?.toJavaScript()).toEqual(INPUTS);
  expect(read.getInputs()?.toJavaScript()).toEqual(INPUTS);
  const updated = await client.update(new pb.UpdateRequest().setUrn(URN).setNews(struct(callbacks)));
  expect(updated.getProperties()?.toJavaScript()).toEqual(callbacks);
  await expect(client.delete(new pb.DeleteRequest().setUrn(URN).setId('x'))).resolves.toBeInstanceOf(Empty);
  await expect(client.cancel(new Empty())).resolves.toBeInstanceOf(Empty);
});

it('installed: an executable that loads the stubs from the project and prints its port', async () => {
  const project = mkdtempSync(join(tmpdir(), 'sinch-floor-plugin-'));
  try {
    // install.ts copies the built server (npm test builds first); from the sources, name it in dist/.
    const bin = installFloorPlugin(project, join(__dirname, '..', '..', 'dist', 'bench', 'floorPlugin', 'nothing.js'));
    const executable = join(bin, FLOOR_PLUGIN_EXECUTABLE);
    expect(statSync(executable).mode & 0o111).toBe(0o111);
    const child = spawn(process.execPath, [executable, '127.0.0.1:1'], {
      env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(Number(stdout.trim()));
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the plugin exited with ${code} before printing its port`)));
    });
    child.kill();
    expect(port).toBeGreaterThan(0);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
