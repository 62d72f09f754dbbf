/**
 * The ResourceProvider service: each gRPC method mapped onto the runtime's named requests (the same implementation
 * the dynamic resources call), and the provider-level methods (schema, plugin info, configuration, cancel) answered
 * here. Methods left out (Handshake, DiffConfig, Construct, Call, …) are answered UNIMPLEMENTED by grpc-js, and the
 * engine falls back to its own behaviour for each.
 */
import type { IResourceProviderServer } from '@pulumi/pulumi/proto/provider_grpc_pb';
import {
  CheckFailure,
  CheckResponse,
  ConfigureResponse,
  CreateResponse,
  GetSchemaResponse,
  InvokeResponse,
  ReadResponse,
  UpdateResponse,
} from '@pulumi/pulumi/proto/provider_pb';
import { PluginInfo } from '@pulumi/pulumi/proto/plugin_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import type { CheckFailure as Failure } from '../implementation/requests';
import { packageSchema } from '../schema/packageSchema';
import type { EngineLog } from './engineLog';
import { ProviderInstance } from './instance';
import { implementation } from './lazy';
import { functionOf, kindOf, typeOf } from './tokens';
import { plainValues, toStruct } from './values';
import { unary } from './unary';

export interface ServiceOptions {
  version: string;
  log: EngineLog;
  /** Where the environment defaults come from: the plugin inherits the CLI's environment. */
  environment: NodeJS.ProcessEnv;
}

const failuresOf = (failures: Failure[]) =>
  failures.map((failure) => new CheckFailure().setProperty(failure.property).setReason(failure.reason));

export type ProviderService = Pick<
  IResourceProviderServer,
  | 'getPluginInfo'
  | 'getSchema'
  | 'checkConfig'
  | 'configure'
  | 'check'
  | 'diff'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  | 'invoke'
  | 'cancel'
>;

export function providerService(options: ServiceOptions): ProviderService {
  const instance = new ProviderInstance(options.environment, options.log);
  const answering = { flush: () => options.log.flush(), redact: (text: string) => instance.redact(text) };
  let schema: string | undefined;
  return {
    getPluginInfo: unary(answering, () => new PluginInfo().setVersion(options.version)),

    getSchema: unary(answering, () => {
      schema ??= JSON.stringify(packageSchema(options.version));
      return new GetSchemaResponse().setSchema(schema);
    }),

    // The news as they came: the engine stripped their secrets for this call and marks them secret again itself.
    checkConfig: unary(answering, (request) => {
      const failures = implementation().checkSettings(plainValues(request.getNews()), options.environment);
      return new CheckResponse().setInputs(request.getNews()).setFailuresList(failuresOf(failures));
    }),

    // acceptSecrets: false makes the engine strip secrets from every later request and mark the values it stores
    // secret again; no preview support means no create or update at preview, so a preview makes no write.
    configure: unary(answering, (request) => {
      instance.configure(plainValues(request.getArgs()));
      return new ConfigureResponse()
        .setAcceptsecrets(false)
        .setAcceptresources(false)
        .setAcceptoutputs(false)
        .setSupportspreview(false);
    }),

    check: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      const answer = await instance.runtime.serve(kind, 'check', {
        urn,
        olds: plainValues(request.getOlds()),
        news: plainValues(request.getNews()),
      });
      return new CheckResponse().setInputs(toStruct(answer.inputs)).setFailuresList(failuresOf(answer.failures));
    }),

    diff: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      const olds = plainValues(request.getOlds());
      const news = plainValues(request.getNews());
      const answer = await instance.runtime.serve(kind, 'diff', { urn, id: request.getId(), olds, news });
      return implementation().diffResponse(kind, answer, olds, news);
    }),

    create: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      const answer = await instance.runtime.serve(kind, 'create', {
        urn,
        inputs: plainValues(request.getProperties()),
      });
      return new CreateResponse().setId(answer.id).setProperties(toStruct(answer.outs));
    }),

    // No id: the resource is gone, and the engine drops it (refresh) or reports that nothing exists (import).
    read: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      const answer = await instance.runtime.serve(kind, 'read', {
        urn,
        id: request.getId(),
        props: plainValues(request.getProperties()),
      });
      const response = new ReadResponse().setId(answer.id ?? '');
      if (answer.id && answer.props) response.setProperties(toStruct(answer.props));
      if (answer.id && answer.inputs) response.setInputs(toStruct(answer.inputs));
      return response;
    }),

    update: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      const request_ = {
        urn,
        id: request.getId(),
        olds: plainValues(request.getOlds()),
        news: plainValues(request.getNews()),
      };
      const answer = await instance.runtime.serve(kind, 'update', request_);
      return new UpdateResponse().setProperties(toStruct(answer.outs));
    }),

    delete: unary(answering, async (request) => {
      const urn = request.getUrn();
      const kind = kindOf(typeOf(urn, request.getType()));
      await instance.runtime.serve(kind, 'delete', {
        urn,
        id: request.getId(),
        props: plainValues(request.getProperties()),
      });
      return new Empty();
    }),

    invoke: unary(answering, async (request) => {
      const answer = await instance.runtime.invoke(functionOf(request.getTok()), plainValues(request.getArgs()));
      const response = new InvokeResponse().setFailuresList(failuresOf(answer.failures));
      if (answer.result !== undefined)
        response.setReturn(toStruct(answer.result as unknown as Record<string, unknown>));
      return response;
    }),

    // The engine calls Cancel at the end of every operation, just before it ends the plugin: nothing to do, and it
    // must neither fail nor exit (an operation still running ends with the process).
    cancel: unary(answering, () => new Empty()),
  };
}
