/**
 * The plugin benchmark's floor: a native provider plugin that does nothing, package `nothing`, one resource type
 * `nothing:index:Nothing`. It starts as `pulumi-resource-sinch` starts (Node, @grpc/grpc-js, the ResourceProvider
 * stubs of @pulumi/pulumi/proto, a server on a port the system picks, the port on stdout) and serves the same methods
 * (plugin info, schema, checkConfig, configure with acceptSecrets: false, check, diff, create, read, update, delete,
 * invoke, cancel), each answered at once. So a YAML program of as many Nothings, with the properties of the Sinch
 * program's resources, costs the engine, the YAML host and the plugin processes what the Sinch program costs them,
 * less the provider's own work. It imports no provider code: it is what the provider is measured against.
 *
 * bench/floorPlugin/install.ts installs it in the scratch project, where it loads the project's copy of the stubs.
 */
import { Server, ServerCredentials, type handleUnaryCall } from '@grpc/grpc-js';
import { ResourceProviderService } from '@pulumi/pulumi/proto/provider_grpc_pb';
import {
  CheckResponse,
  ConfigureResponse,
  CreateResponse,
  DiffResponse,
  GetSchemaResponse,
  InvokeResponse,
  ReadResponse,
  UpdateResponse,
} from '@pulumi/pulumi/proto/provider_pb';
import { PluginInfo } from '@pulumi/pulumi/proto/plugin_pb';
// The methods the package's plugin serves, so that the floor answers each of them (a type: nothing of it is loaded).
import type { ProviderService } from '../../provider/plugin/service';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';

export const NOTHING_PACKAGE = 'nothing';
export const NOTHING_TYPE = 'nothing:index:Nothing';
export const NOTHING_VERSION = '1.0.0';
/** The properties a Nothing takes: those of the Sinch program's NumberAssignments and ApplicationCallbacks. */
export const NOTHING_PROPERTIES = ['number', 'applicationKey', 'primary'] as const;

/** The package schema: what the YAML host reads to type the program. */
export function nothingSchema(): Record<string, unknown> {
  const properties = Object.fromEntries(
    NOTHING_PROPERTIES.map((name) => [
      name,
      { type: 'string', description: `Kept as given; nothing is done with it.` },
    ]),
  );
  return {
    name: NOTHING_PACKAGE,
    version: NOTHING_VERSION,
    description: 'The benchmark floor: a provider whose every method answers at once.',
    config: {},
    provider: { description: 'The provider of nothing.', inputProperties: {}, properties: {} },
    resources: {
      [NOTHING_TYPE]: {
        description: 'A resource that stands for nothing: create, read, update and delete do nothing.',
        inputProperties: properties,
        properties,
      },
    },
  };
}

/** A method that answers at once. */
const now =
  <Request, Response>(answer: (request: Request) => Response): handleUnaryCall<Request, Response> =>
  (call, callback) =>
    callback(null, answer(call.request));

/** The id of a created Nothing: its number, else its application key, else its name (the URN's last part). */
function idOf(urn: string, properties: Record<string, unknown>): string {
  for (const key of ['number', 'applicationKey'] as const) {
    const value = properties[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return urn.split('::').at(-1) ?? 'nothing';
}

export function nothingService(): ProviderService {
  let schema: string | undefined;
  return {
    getPluginInfo: now(() => new PluginInfo().setVersion(NOTHING_VERSION)),
    getSchema: now(() => new GetSchemaResponse().setSchema((schema ??= JSON.stringify(nothingSchema())))),
    checkConfig: now((request) => new CheckResponse().setInputs(request.getNews())),
    configure: now(() =>
      new ConfigureResponse()
        .setAcceptsecrets(false)
        .setAcceptresources(false)
        .setAcceptoutputs(false)
        .setSupportspreview(false),
    ),
    check: now((request) => new CheckResponse().setInputs(request.getNews())),
    diff: now(() => new DiffResponse().setChanges(DiffResponse.DiffChanges.DIFF_NONE)),
    create: now((request) => {
      const properties = request.getProperties();
      return new CreateResponse()
        .setId(idOf(request.getUrn(), properties?.toJavaScript() ?? {}))
        .setProperties(properties);
    }),
    read: now((request) =>
      new ReadResponse().setId(request.getId()).setProperties(request.getProperties()).setInputs(request.getInputs()),
    ),
    update: now((request) => new UpdateResponse().setProperties(request.getNews())),
    delete: now(() => new Empty()),
    invoke: now(() => new InvokeResponse()),
    cancel: now(() => new Empty()),
  };
}

/** Serves on 127.0.0.1 and resolves with the port, as the engine expects of a plugin. */
export function serveNothing(): Promise<{ port: number; close: () => void }> {
  const server = new Server();
  server.addService(ResourceProviderService, nothingService());
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve({ port, close: () => server.forceShutdown() }),
    );
  });
}

/** The plugin's entry (`pulumi-resource-nothing <engine address>`): the port and a newline on stdout. */
export function main(): void {
  serveNothing().then(
    ({ port }) => process.stdout.write(`${port}\n`),
    (error: unknown) => {
      process.stderr.write(`pulumi-resource-nothing: could not start: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
