import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { errorBody, type ErrorBody } from './error.schema';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them, answered in the one error shape.
 * The common one: raw UTF-8 in a URL (`?q=中国`). HTTP allows only ASCII there, and Node accepts
 * more only with `insecureHTTPParser`, which also loosens header parsing (request smuggling); so
 * it is a 400 naming the parameter, read back from the refused request line, that says how to
 * encode it.
 */
export function answerClientError(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorBody(error);
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}

export function clientErrorBody(error: Error & { code?: string; rawPacket?: unknown }): ErrorBody {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errorBody(408, 'the request took too long to arrive');
    case 'HPE_HEADER_OVERFLOW':
      return errorBody(431, 'the request headers are too large');
    case 'HPE_INVALID_URL':
      return errorBody(
        400,
        'the URL has characters HTTP does not allow there (raw non-ASCII, spaces, control characters): percent-encode them as UTF-8, e.g. q=%E4%B8%AD%E5%9B%BD for q=中国',
        Buffer.isBuffer(error.rawPacket) ? offendingQueryParameter(error.rawPacket) : undefined,
      );
    default:
      return errorBody(400, `malformed HTTP request${error.code ? ` (${error.code})` : ''}`);
  }
}

/** The query parameter whose name or value holds a byte a URL may not: from the raw request line. */
export function offendingQueryParameter(raw: Buffer): string | undefined {
  const line = raw.subarray(0, raw.indexOf(0x0a) === -1 ? raw.length : raw.indexOf(0x0a)).toString('latin1');
  const target = line.split(' ')[1] ?? '';
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  for (const pair of query.split('&')) {
    if (!/[^\x21-\x7e]/.test(pair)) continue;
    const name = Buffer.from(pair.split('=', 1)[0], 'latin1').toString('utf8');
    try {
      return decodeURIComponent(name);
    } catch {
      return name;
    }
  }
  return undefined;
}
