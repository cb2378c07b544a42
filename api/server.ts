import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.ts';

const KEEP_ALIVE_MS = 65_000;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the API on host:port (port 0 picks a free one) and resolves once it listens. */
export function startServer(options: AppOptions & { host: string; port: number }): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host);
    // Node closes idle keep-alive sockets after 5 s; a reverse proxy that keeps its upstream sockets
    // longer (nginx and most load balancers: 60 s) then reuses a closed one and answers 502. Outlast it.
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    // (above it: else the headers timer, 60 s by default, can close a kept socket before keep-alive does)
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? ` (port ${options.port} is taken; use --port)` : '';
      reject(Object.assign(new Error(`cannot listen on ${options.host}:${options.port}: ${error.message}${hint}`), { userFacing: true }));
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
