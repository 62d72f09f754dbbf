/** A gRPC client of the plugin, as the engine is one: each call resolves with the answer or rejects with the status. */
import { credentials, type ServiceError } from '@grpc/grpc-js';
import type { PluginInfo } from '@pulumi/pulumi/proto/plugin_pb';
import { ResourceProviderClient } from '@pulumi/pulumi/proto/provider_grpc_pb';
import type * as pb from '@pulumi/pulumi/proto/provider_pb';
import type { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Struct, type JavaScriptValue } from 'google-protobuf/google/protobuf/struct_pb';

type Callback<Response> = (error: ServiceError | null, response: Response) => void;

function unary<Request, Response>(
  client: ResourceProviderClient,
  name: string,
): (request: Request) => Promise<Response> {
  const method = (client as unknown as Record<string, (request: Request, callback: Callback<Response>) => unknown>)[
    name
  ] as (request: Request, callback: Callback<Response>) => unknown;
  return (request) =>
    new Promise((resolve, reject) =>
      method.call(client, request, (error, response) => (error ? reject(error) : resolve(response))),
    );
}

export function pluginClient(port: number) {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, credentials.createInsecure());
  return {
    close: () => client.close(),
    getPluginInfo: unary<Empty, PluginInfo>(client, 'getPluginInfo'),
    getSchema: unary<pb.GetSchemaRequest, pb.GetSchemaResponse>(client, 'getSchema'),
    checkConfig: unary<pb.CheckRequest, pb.CheckResponse>(client, 'checkConfig'),
    configure: unary<pb.ConfigureRequest, pb.ConfigureResponse>(client, 'configure'),
    check: unary<pb.CheckRequest, pb.CheckResponse>(client, 'check'),
    diff: unary<pb.DiffRequest, pb.DiffResponse>(client, 'diff'),
    create: unary<pb.CreateRequest, pb.CreateResponse>(client, 'create'),
    read: unary<pb.ReadRequest, pb.ReadResponse>(client, 'read'),
    update: unary<pb.UpdateRequest, pb.UpdateResponse>(client, 'update'),
    delete: unary<pb.DeleteRequest, Empty>(client, 'delete'),
    invoke: unary<pb.InvokeRequest, pb.InvokeResponse>(client, 'invoke'),
    cancel: unary<Empty, Empty>(client, 'cancel'),
    diffConfig: unary<pb.DiffRequest, pb.DiffResponse>(client, 'diffConfig'),
  };
}

export type PluginClient = ReturnType<typeof pluginClient>;

/** The error a call fails with; fails the test when it succeeds. */
export async function rpcError(call: Promise<unknown>): Promise<ServiceError> {
  try {
    await call;
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

export const struct = (values: Record<string, unknown>): Struct =>
  Struct.fromJavaScript(values as Record<string, JavaScriptValue>);

/** The engine's wrapper of a secret value, as Configure's args carry it. */
export const secret = (value: unknown) => ({
  '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
  value,
});

export const urnOf = (type: string, name: string): string => `urn:pulumi:test::sinch-plugin::${type}::${name}`;
