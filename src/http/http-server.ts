import http from 'node:http';
import type { Express } from 'express';

export interface HttpServerOptions {
  readonly port: number;
  readonly host: string;
  /** At close, how long requests in flight may take before their connections are cut. */
  readonly graceMs: number;
  /** At close, ends long-lived responses (event streams) first, so they do not hold the close up. */
  readonly endStreams: () => void;
}

export interface RunningHttpServer {
  readonly address: { readonly host: string; readonly port: number };
  /**
   * Stops taking connections, ends event streams, tells keep-alive clients to close after their
   * current response, lets requests in flight finish, then cuts what is left after `graceMs`.
   */
  close(): Promise<void>;
}

/** Serves `app`, with bounds on receiving a request (handlers bound their own work: every Redis round trip has a deadline). */
export async function listen(app: Express, options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  server.headersTimeout = 10_000;
  // A vacancy import streams its file in as fast as the rows are stored (backpressure): 50,000
  // rows take about a minute, longer on a busy machine. Every other body is capped at a few
  // hundred kB, so the wait bounds only how long a slow client may hold its one connection.
  server.requestTimeout = 10 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const bound = server.address();
  return {
    address: { host: options.host, port: typeof bound === 'object' && bound ? bound.port : options.port },
    close: () =>
      new Promise((resolve) => {
        options.endStreams();
        // Runs before the app on every request still arriving on an open connection.
        server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => res.setHeader('Connection', 'close'));
        const timer = setTimeout(() => server.closeAllConnections(), options.graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
