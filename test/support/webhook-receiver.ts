import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackMessage, WebhookPayload } from '@chipwatch/notifications';

/**
 * What a receiver takes its bodies to be when the test does not say: a webhook subscription's
 * payload or a Slack subscription's message (one receiver may serve both in turn, and the test
 * reads the fields of the one it subscribed). A receiver for one channel names its body instead:
 * `new WebhookReceiver<WebhookPayload>()`.
 */
export type ChannelPost = WebhookPayload & SlackMessage;

export interface ReceivedHook<Body = ChannelPost> {
  headers: IncomingHttpHeaders;
  raw: string;
  /** The body parsed as JSON; `{}` when it was not JSON (`raw` keeps it). */
  body: Body;
  at: number;
}

/** A subscriber's endpoint on 127.0.0.1: records what arrives, answers with a status chosen per test. */
export class WebhookReceiver<Body = ChannelPost> {
  readonly received: ReceivedHook<Body>[] = [];
  /** Status to answer next; a function sees the request count. */
  respond: (count: number) => number = () => 204;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body = {} as Body;
        try {
          body = JSON.parse(raw) as Body;
        } catch {
          // kept raw
        }
        this.received.push({ headers: request.headers, raw, body, at: Date.now() });
        response.writeHead(this.respond(this.received.length)).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Standard Webhooks verification written from the specification, independent of chipwatch's own
 * code: HMAC-SHA256 over "id.timestamp.body" with the base64-decoded part of `whsec_…`.
 */
export function verifyStandardWebhook(secret: string, hook: ReceivedHook<unknown>): boolean {
  const id = hook.headers['webhook-id'];
  const timestamp = hook.headers['webhook-timestamp'];
  const signatures = hook.headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${hook.raw}`)
    .digest();
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
