/**
 * Lines for the person running Pulumi. The engine shows neither stdout nor stderr of a provider plugin; its Log call
 * does, under the resource whose URN the line carries. Calls are sent at once and awaited before the answer of the
 * request that wrote them (flush), so that no line is lost when the engine ends the plugin after its last answer.
 */
import type * as EngineRpc from '@pulumi/pulumi/proto/engine_grpc_pb';
import type * as EngineMessages from '@pulumi/pulumi/proto/engine_pb';
import type { Severity } from '../implementation/context';

const LOG_DEADLINE_MS = 30_000;

export interface EngineLog {
  /** A line at its severity: the engine shows a warning as a warning. */
  write(severity: Severity, message: string, urn?: string): void;
  /** Resolves once every line written so far has reached the engine (or failed to). */
  flush(): Promise<void>;
}

/** Writes through `send`; a line that cannot be sent goes to stderr, which the engine keeps in its debug log. */
export function engineLog(send: (severity: Severity, message: string, urn: string) => Promise<void>): EngineLog {
  const pending = new Set<Promise<void>>();
  return {
    write(severity, message, urn = '') {
      const sent = send(severity, message, urn).catch((error: unknown) => {
        process.stderr.write(
          `pulumi-sinch-voice: a log line did not reach the engine (${(error as Error).message}): ${message}\n`,
        );
      });
      pending.add(sent);
      void sent.finally(() => pending.delete(sent));
    },
    async flush() {
      await Promise.all([...pending]);
    },
  };
}

/**
 * Sends to the engine's Log at `address` (the plugin's first argument). The stubs load with the first line: most
 * plugin processes (a schema request, a preview with nothing to say) never write one.
 */
export function engineSender(address: string): (severity: Severity, message: string, urn: string) => Promise<void> {
  let client: EngineRpc.EngineClient | undefined;
  return (severity, message, urn) => {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    const grpc = require('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
    const rpc = require('@pulumi/pulumi/proto/engine_grpc_pb') as typeof EngineRpc;
    const messages = require('@pulumi/pulumi/proto/engine_pb') as typeof EngineMessages;
    /* eslint-enable @typescript-eslint/no-require-imports */
    client ??= new rpc.EngineClient(address, grpc.credentials.createInsecure());
    const level = severity === 'warning' ? messages.LogSeverity.WARNING : messages.LogSeverity.INFO;
    const request = new messages.LogRequest().setSeverity(level).setMessage(message).setUrn(urn);
    // A deadline, so that an engine that stopped answering cannot hold an answer (which waits for its lines) forever.
    const options = { deadline: Date.now() + LOG_DEADLINE_MS };
    return new Promise<void>((resolve, reject) =>
      (client as EngineRpc.EngineClient).log(request, new grpc.Metadata(), options, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  };
}
