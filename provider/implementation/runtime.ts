/**
 * The implementation as front ends use it: named requests in, results out. Each runtime is one provider instance
 * (one deployment, one settings source): its own view of the bindings, its own claims, its own view of the engine's
 * traffic, and a logger that ties each line to the resource that wrote it. Nothing here is module state.
 */
import { loadClient, secretOf, type SinchProviderSettings } from '../configuration';
import type { ProviderContext, Severity } from './context';
import { explainCredentials } from './credentials';
import { deploymentContext } from './deployment';
import { observeTraffic } from './engineTraffic';
import { invokeFunction } from './functions';
import type { Coalescing } from './liveBindings';
import type { ResourceMethod } from './methods';
import { implementationOf, type ResourceImplementation } from './registration';
import { isResourceKind, RESOURCES, type FunctionName, type FunctionResults, type ResourceKind } from '../registry';
import type { InvokeResponse, PropertyValues, RequestOf, ResponseOf } from './requests';
import { trace, tracing } from './trace';

export interface RuntimeOptions {
  /** The settings, resolved when each operation runs (the configuration can arrive after the runtime is made). */
  settings: () => SinchProviderSettings;
  /** A line for the person running Pulumi, under the resource `urn` when there is one. */
  log: (severity: Severity, message: string, urn?: string) => void;
  coalescing?: Coalescing;
}

export interface Runtime {
  serve<M extends ResourceMethod>(kind: ResourceKind, method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  invoke<F extends FunctionName>(name: F, args: PropertyValues): Promise<InvokeResponse<FunctionResults[F]>>;
}

/** Calls one method; the mapped type of ResourceImplementation does not narrow by a generic method name. */
const call = <M extends ResourceMethod>(
  implementation: ResourceImplementation,
  method: M,
  request: RequestOf<M>,
): Promise<ResponseOf<M>> => (implementation[method] as (request: RequestOf<M>) => Promise<ResponseOf<M>>)(request);

export function createRuntime(options: RuntimeOptions): Runtime {
  const deployment = deploymentContext(
    options.settings,
    (severity, message) => options.log(severity, message),
    options.coalescing,
  );
  let warmed = false;
  /**
   * After the first check or diff that announces a write, the HTTP stack is loaded on the next turn, while the engine
   * writes the checkpoint before that write. Loaded by the write itself, it would hold up everything this process
   * answers meanwhile (the engine's next checks, the next creates), and the silence would read as the engine's.
   */
  const prepareForWrites = (): void => {
    if (warmed) return;
    warmed = true;
    setImmediate(() => {
      try {
        loadClient().loadHttpStack();
      } catch {
        // The write that needs it loads it again, and reports what failed.
      }
    });
  };
  const explained = async <T>(operation: () => Promise<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw explainCredentials(error, options.settings());
    }
  };
  return {
    async serve(kind, method, request) {
      if (!isResourceKind(kind))
        throw new Error(
          `pulumi-sinch-voice: no resource kind ${String(kind)}; is the installed package older than the stack's state?`,
        );
      const scoped: ProviderContext = {
        ...deployment,
        info: (message) => options.log('info', message, request.urn),
        warn: (message) => options.log('warning', message, request.urn),
      };
      const implementation = implementationOf(RESOURCES[kind], scoped);
      const subject = subjectOf(request);
      trace('begin', { kind, method, subject });
      try {
        return await observeTraffic(
          deployment.traffic,
          method,
          request,
          () => explained(() => call(implementation, method, request)),
          prepareForWrites,
        );
      } finally {
        // With the process's CPU so far, which the benchmark reads to tell the provider's work from the engine's.
        if (tracing()) trace('end', { kind, method, subject, cpuMs: cpuMilliseconds() });
      }
    },
    invoke(name, args) {
      return explained(() => invokeFunction(name, args, deployment.client, secretOf(options.settings())));
    },
  };
}

/** What a trace line names an operation by: the id, else the number or application of its inputs. */
function subjectOf(request: RequestOf<ResourceMethod>): string | undefined {
  if ('id' in request && request.id) return request.id;
  const inputs = ('news' in request ? request.news : 'inputs' in request ? request.inputs : undefined) as
    PropertyValues | undefined;
  const named = inputs?.number ?? inputs?.applicationKey;
  return typeof named === 'string' ? named : undefined;
}

function cpuMilliseconds(): number {
  const { user, system } = process.cpuUsage();
  return Math.round((user + system) / 1000);
}
