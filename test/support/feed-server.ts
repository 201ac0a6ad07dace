import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
}

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 standing in for publishers: routes are set per test. */
export class FeedServer {
  readonly requests: ServedRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server!: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      this.requests.push({ path, at: Date.now(), headers: request.headers });
      const route = this.routes.get(path);
      if (!route) {
        response.writeHead(404).end();
        return;
      }
      route(request, response);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  route(path: string, handler: Route): void {
    this.routes.set(path, handler);
  }

  /** Serves `body` with an ETag, answering 304 to a matching If-None-Match. */
  feed(path: string, body: () => string, contentType = 'application/rss+xml; charset=utf-8'): void {
    this.route(path, (request, response) => {
      const text = body();
      const etag = `"${Buffer.from(text).length.toString(16)}-${hash(text)}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Mon, 02 Jun 2025 10:00:00 GMT' }).end(text);
    });
  }

  requestsTo(path: string): ServedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

export function rss(items: { title: string; link: string; guid?: string; description?: string; pubDate?: string }[], ttl?: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test feed</title><link>http://example.test/</link>${ttl ? `<ttl>${ttl}</ttl>` : ''}
${items
  .map(
    (
      item,
    ) => `<item><title>${escape(item.title)}</title><link>${escape(item.link)}</link>${item.guid ? `<guid>${escape(item.guid)}</guid>` : ''}
<description>${escape(item.description ?? '')}</description><pubDate>${item.pubDate ?? 'Mon, 02 Jun 2025 09:00:00 GMT'}</pubDate></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
