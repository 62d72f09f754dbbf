/**
 * The dynamic front end's adapter: the serialized shims (provider/shims) call `dispatch` with the dynamic provider's
 * positional arguments. The engine runs one dynamic-provider process per deployment and configures it once, so the
 * process holds one runtime, and the stack configuration that configure() gave.
 */
import type * as pulumi from '@pulumi/pulumi';
import { resolveSettings } from '../configuration';
import type { ResourceKind } from '../registry';
import { RESOURCE_METHODS, type DynamicMethod, type ResourceMethod } from './methods';
import type { RequestOf } from './requests';
import { createRuntime, type Runtime } from './runtime';

let stackConfig: (key: string) => string | undefined = () => undefined;
let runtime: Runtime | undefined;

/** Settings are resolved when each method runs: stack configuration first, then the environment. */
function theRuntime(): Runtime {
  runtime ??= createRuntime({
    settings: () => resolveSettings(stackConfig, process.env),
    // The dynamic-provider plugin passes its output through to the person running Pulumi, as plain lines: a warning
    // says so at its head.
    log: (severity, message) =>
      console.log(`${severity === 'warning' ? 'warning: ' : ''}pulumi-sinch-voice: ${message}`),
  });
  return runtime;
}

/** The positional arguments of each dynamic provider method, named: the one place that knows their order. */
function named(method: ResourceMethod, args: unknown[]): RequestOf<ResourceMethod> {
  const [first, second, third] = args as [never, never, never];
  switch (method) {
    case 'check':
      return { olds: first ?? {}, news: second ?? {} };
    case 'diff':
    case 'update':
      return { id: first, olds: second ?? {}, news: third ?? {} };
    case 'create':
      return { inputs: first ?? {} };
    case 'read':
    case 'delete':
      return { id: first, props: second ?? {} };
  }
}

/** Every dynamic provider method of every resource kind, with its positional arguments. */
export async function serveDynamic(kind: ResourceKind, method: DynamicMethod, args: unknown[]): Promise<unknown> {
  if (method === 'configure') {
    const [request] = args as [pulumi.dynamic.ConfigureRequest];
    stackConfig = (key) => {
      const value: unknown = request.config.get(key);
      return typeof value === 'string' ? value : undefined;
    };
    return undefined;
  }
  if (!(RESOURCE_METHODS as readonly string[]).includes(method))
    throw new Error(
      `pulumi-sinch-voice: no ${String(method)} for ${kind}; is the installed package older than the stack's state?`,
    );
  return theRuntime().serve(kind, method, named(method, args));
}
