/** The plugin's gRPC server: the ResourceProvider service on a port of 127.0.0.1 that the system picks. */
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ResourceProviderService } from '@pulumi/pulumi/proto/provider_grpc_pb';
import { engineLog, engineSender, type EngineLog } from './engineLog';
import { providerService } from './service';
import { packageVersion } from './version';

export interface PluginOptions {
  /** The engine's address (the plugin's first argument), where log lines go. */
  engineAddress?: string;
  /** Where lines go instead (tests); without either, lines go to stderr. */
  log?: EngineLog;
  environment?: NodeJS.ProcessEnv;
  version?: string;
}

export interface RunningPlugin {
  port: number;
  /** Stops accepting calls and ends those under way. */
  close(): void;
}

function logFor(options: PluginOptions): EngineLog {
  if (options.log) return options.log;
  if (options.engineAddress) return engineLog(engineSender(options.engineAddress));
  return engineLog(
    async (severity, message) => void process.stderr.write(`${severity === 'warning' ? 'warning: ' : ''}${message}\n`),
  );
}

export function startPlugin(options: PluginOptions = {}): Promise<RunningPlugin> {
  const server = new Server();
  const service = providerService({
    version: options.version ?? packageVersion(),
    log: logFor(options),
    environment: options.environment ?? process.env,
  });
  server.addService(ResourceProviderService, service);
  return new Promise((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) => {
      if (error) return reject(error);
      resolve({ port, close: () => server.forceShutdown() });
    });
  });
}
