import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Requests seen, in order, with their headers. */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 and an OS-chosen port, answering from a route table. `close`
 * destroys open sockets too, so a test that left a response dripping still ends.
 */
export async function startFeedServer(routes: Record<string, Route>): Promise<FeedServer> {
  const sockets = new Set<Socket>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, headers: req.headers });
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
      return;
    }
    route(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A route that answers with a fixed status, headers and body. */
export function respond(status: number, headers: Record<string, string | number>, body?: string | Uint8Array): Route {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/**
 * A route that writes `chunk` every `everyMs` until the client goes away or `maxChunks` is
 * reached (so a test can never leave it running), for slow drips and endless bodies.
 */
export function drip(headers: Record<string, string>, chunk: string | Uint8Array, everyMs: number, maxChunks = 100_000): Route {
  return (_req, res) => {
    res.writeHead(200, headers);
    let sent = 0;
    const write = () => {
      if (res.destroyed || sent >= maxChunks) {
        res.end();
        return;
      }
      sent++;
      const ok = res.write(chunk);
      if (everyMs > 0) setTimeout(write, everyMs);
      else if (ok) setImmediate(write);
      else res.once('drain', write);
    };
    res.on('close', () => {
      sent = maxChunks;
    });
    write();
  };
}
