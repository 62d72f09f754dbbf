/** One gRPC method over an async function: the answer or the error as a gRPC status, sent once the log lines are out. */
import { status, type handleUnaryCall, type ServerErrorResponse } from '@grpc/grpc-js';
import { PluginError } from './errors';

export interface Answering {
  /** Resolves once the lines this request wrote have reached the engine. */
  flush(): Promise<void>;
  /** The message of an error as it may leave the process. */
  redact(text: string): string;
}

function serviceError(error: unknown, answering: Answering): ServerErrorResponse {
  const message = answering.redact(error instanceof Error ? error.message : String(error));
  const code = error instanceof PluginError ? error.code : status.UNKNOWN;
  return Object.assign(new Error(message), { code, details: message });
}

export function unary<Request, Response>(
  answering: Answering,
  work: (request: Request) => Response | Promise<Response>,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    void (async () => {
      let answer: { response: Response } | { error: ServerErrorResponse };
      try {
        answer = { response: await work(call.request) };
      } catch (error) {
        answer = { error: serviceError(error, answering) };
      }
      await answering.flush();
      if ('error' in answer) callback(answer.error);
      else callback(null, answer.response);
    })();
  };
}
