import { performance } from 'node:perf_hooks';
import { Agent, request, type Dispatcher } from 'undici';
import { isDroppedConnection } from '@chipwatch/platform';
import { classifyNetworkError, DeliveryError, DeliveryErrorCode, findDeliveryError } from './delivery.error';
import { checkTargetUrl, createGuardedLookup, HostResolver } from './target.guard';
import { redactUrl } from './url.redaction';

export const DEFAULT_NOTIFICATION_USER_AGENT = 'chipwatch-notifications/0.1 (+https://github.com/chipwatch/chipwatch)';

export interface HttpDeliveryOptions {
  /**
   * Time to open the TCP (and TLS) connection, DNS included. undici checks it with timers of
   * about 1 s resolution, so short values round up.
   * @defaultValue 5000
   */
  connectTimeoutMs?: number;
  /**
   * Time for the whole attempt up to the response headers; the body is read within the same
   * budget. A receiver that is slow to answer fails with `timeout`.
   * @defaultValue 15000
   */
  totalTimeoutMs?: number;
  /**
   * Most bytes of the response body kept for the delivery record; reading stops there.
   * @defaultValue 65536
   */
  maxResponseBytes?: number;
  /** @defaultValue `chipwatch-notifications/0.1 (+https://github.com/chipwatch/chipwatch)` */
  userAgent?: string;
  /**
   * Allow loopback and private targets (`CHIPWATCH_WEBHOOK_ALLOW_PRIVATE`); see `TargetGuardOptions`.
   * @defaultValue false
   */
  allowPrivate?: boolean;
  /**
   * Resolver for target host names; every address must pass the guard.
   * @defaultValue the system resolver
   */
  lookup?: HostResolver;
}

/** One attempt that the receiver accepted (2xx). */
export interface HttpDeliveryResult {
  status: number;
  /** Wall time of the attempt, from a monotonic clock. */
  ms: number;
  /** The raw `Retry-After` header, if any. */
  retryAfter?: string;
  /** The start of the response body (UTF-8, lossy), at most `maxResponseBytes`. */
  body: string;
  /** False when the body was cut at the cap or by the time budget. */
  bodyComplete: boolean;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

/**
 * POSTs to subscriber URLs, for webhooks and Slack: the SSRF guard pinned into the connection,
 * connect and total timeouts, a response-body cap, and no redirects. Resolves for 2xx; throws
 * `DeliveryError` for everything else, with the status, `Retry-After` and body start when the
 * receiver answered.
 */
export class HttpDeliveryClient {
  private readonly agent: Agent;
  private readonly totalTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly userAgent: string;
  private readonly allowPrivate: boolean;

  constructor(options: HttpDeliveryOptions = {}) {
    this.totalTimeoutMs = options.totalTimeoutMs ?? 15_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 65_536;
    this.userAgent = options.userAgent ?? DEFAULT_NOTIFICATION_USER_AGENT;
    this.allowPrivate = options.allowPrivate ?? false;
    this.agent = new Agent({
      connect: {
        timeout: options.connectTimeoutMs ?? 5_000,
        // net/tls call this for host names (IP literals are checked in checkTargetUrl), so the
        // socket connects only to addresses the guard has just approved.
        lookup: createGuardedLookup({ allowPrivate: this.allowPrivate, lookup: options.lookup }),
      },
      headersTimeout: this.totalTimeoutMs,
      bodyTimeout: this.totalTimeoutMs,
    });
  }

  async post(target: string, body: string, headers: Record<string, string>): Promise<HttpDeliveryResult> {
    const url = new URL(checkTargetUrl(target, { allowPrivate: this.allowPrivate }).href);
    const shown = redactUrl(url);
    const requestHeaders: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': this.userAgent,
      ...headers,
    };
    // Credentials in the URL are honoured as Basic auth (receivers behind a basic-auth proxy),
    // and stripped from the URL so no error or record can echo them.
    if (url.username !== '' || url.password !== '') {
      const user = decodeURIComponent(url.username);
      const pass = decodeURIComponent(url.password);
      requestHeaders.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
      url.username = '';
      url.password = '';
    }

    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.totalTimeoutMs);
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await this.send(url, { headers: requestHeaders, body, signal: controller.signal });
      } catch (error) {
        throw this.networkFailure(error, controller.signal.aborted, shown, elapsed());
      }

      const status = response.statusCode;
      const retryAfter = header(response.headers, 'retry-after');
      const { text, complete } = await this.readCapped(response.body);
      const ms = elapsed();
      if (status >= 200 && status < 300) {
        return { status, ms, ...(retryAfter !== undefined ? { retryAfter } : {}), body: text, bodyComplete: complete };
      }
      const details = { status, ms, responseBody: text, ...(retryAfter !== undefined ? { retryAfter } : {}) };
      if (status >= 300 && status < 400) {
        const location = header(response.headers, 'location');
        const to = location ? ` to ${redactUrl(new URL(location, url).href)}` : '';
        throw new DeliveryError(
          'redirect',
          `${shown} answered HTTP ${status}${to}; redirects are not followed: update the subscription's URL`,
          details,
        );
      }
      const code: DeliveryErrorCode = status >= 400 && status < 500 ? 'http-4xx' : 'http-5xx';
      throw new DeliveryError(code, `${shown} answered HTTP ${status}`, details);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One POST, sent again at once when the connection dropped before any response header
   * (`request()` settles once the headers arrive, so nothing after them is retried). That is the
   * keep-alive race: undici reused a pooled socket just as the receiver closed it for idleness
   * (Node's server does after 5 s; our expiry timer fires late when the event loop is busy), and
   * otherwise the delivery would wait out its retry backoff. A POST is not idempotent, and undici
   * does not tell us whether the socket was reused (ECONNRESET carries no socket at all), so this
   * also retries a receiver that dropped a fresh connection after reading the request. That is
   * acceptable: every webhook carries a stable `webhook-id` that receivers deduplicate on
   * (Standard Webhooks), and a Slack post (no such id) failing this way is sent again by the
   * delivery policy anyway (`connection` is retryable), only 30 s later, so the duplicate risk is
   * one the system already took. undici's
   * retry interceptor does not fit: it would also retry after the headers, and waits between
   * tries. The retry shares the total-timeout signal; the guarded lookup pins its connection too.
   */
  private async send(
    url: URL,
    options: { headers: Record<string, string>; body: string; signal: AbortSignal },
  ): Promise<Dispatcher.ResponseData> {
    const attempt = () => request(url, { dispatcher: this.agent, method: 'POST', ...options });
    try {
      return await attempt();
    } catch (error) {
      if (options.signal.aborted || !isDroppedConnection(error)) throw error;
      return attempt();
    }
  }

  /**
   * Reads at most `maxResponseBytes`, then stops (the connection is dropped rather than drained).
   * A body that fails or runs out of time midway is kept as far as it came: the status already
   * decided the outcome, and a receiver that answered 2xx has the event, so a slow body must not
   * turn into a retry and a duplicate.
   */
  private async readCapped(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<{ text: string; complete: boolean }> {
    const chunks: Buffer[] = [];
    let size = 0;
    let complete = true;
    try {
      for await (const chunk of body) {
        const room = this.maxResponseBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size += room;
          complete = false;
          break;
        }
        chunks.push(chunk);
        size += chunk.length;
      }
    } catch {
      complete = false;
    } finally {
      if (!complete) body.destroy();
    }
    return { text: new TextDecoder('utf-8').decode(Buffer.concat(chunks, size)), complete };
  }

  private networkFailure(error: unknown, timedOut: boolean, shown: string, ms: number): DeliveryError {
    const guard = findDeliveryError(error);
    if (guard) return new DeliveryError(guard.code, guard.message, { ms, cause: error });
    const code = timedOut ? 'timeout' : classifyNetworkError(error);
    const reason = (error as { code?: unknown })?.code;
    const detail = timedOut
      ? `no answer within ${this.totalTimeoutMs} ms`
      : typeof reason === 'string' || typeof reason === 'number'
        ? String(reason)
        : error instanceof Error
          ? error.message
          : String(error);
    return new DeliveryError(code, `${code} delivering to ${shown}: ${detail}`, { ms, cause: error });
  }

  /** Closes pooled connections; in-flight attempts finish first. */
  async close(): Promise<void> {
    await this.agent.close();
  }
}
