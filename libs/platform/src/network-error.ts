export type NetworkFailure = 'timeout' | 'dns' | 'tls' | 'connection';

/**
 * What kind of network failure an error is (undici's or Node's), looking through its cause chain:
 * feeds and notification deliveries both report it as a code users can act on.
 */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const codes = errorCodes(error);
  const has = (test: (code: string) => boolean) => codes.some(test);
  if (has((c) => ['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT'].includes(c))) {
    return 'timeout';
  }
  if (has((c) => ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'].includes(c))) return 'dns';
  const tls = (c: string) =>
    c.startsWith('ERR_TLS') ||
    c.startsWith('ERR_SSL') ||
    c.startsWith('CERT_') ||
    c.includes('SELF_SIGNED') ||
    c.startsWith('UNABLE_TO_') ||
    c === 'HOSTNAME_MISMATCH' ||
    c === 'EPROTO';
  return has(tls) ? 'tls' : 'connection';
}

/**
 * The connection dropped under a request: closed (`UND_ERR_SOCKET`, "other side closed"), reset
 * or broken. Not a refused connection, a timeout, DNS or TLS: a second attempt could differ.
 */
export function isDroppedConnection(error: unknown): boolean {
  return errorCodes(error).some((code) => code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE');
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
    e = e.cause as typeof e;
  }
  return codes;
}
