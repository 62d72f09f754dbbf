/**
 * The plugin's entry: `pulumi-resource-sinch <engine address>`, as the engine runs it. It answers the port it serves
 * on, and a newline, on stdout: the engine reads that line to connect. Its own server, not the SDK's provider main(),
 * which never hands Configure's settings to the provider (see provider/plugin/service.ts).
 */
import { startPlugin } from './server';

startPlugin({ engineAddress: process.argv[2] }).then(
  ({ port }) => process.stdout.write(`${port}\n`),
  (error: unknown) => {
    process.stderr.write(`pulumi-resource-sinch: could not start: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
