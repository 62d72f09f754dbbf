import { connect, createServer } from 'node:net';

/** Whether a connection to the port is refused (nothing listens there) rather than accepted. */
function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(true) : reject(error),
    );
  });
}

/**
 * `http://127.0.0.1:<port>` where nothing listens: a port the system just gave us, closed again, that then refused a
 * connection. A fixed port ("1", "9") may be in use on the machine that runs the tests, and then answers or hangs.
 * Take a new one for each use: the system may hand a closed port to someone else later.
 */
export async function refusedUrl(): Promise<string> {
  const host = '127.0.0.1';
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve((server.address() as { port: number }).port));
    });
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    if (await refused(host, port)) return `http://${host}:${port}`;
  }
  throw new Error(`no port of ${host} stayed free long enough to refuse a connection, in 10 attempts`);
}
