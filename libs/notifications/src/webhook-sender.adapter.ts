import { HttpDeliveryClient, HttpDeliveryOptions, HttpDeliveryResult } from './http-delivery.adapter';
import { webhookHeaders } from './webhook.signature';

export interface WebhookSendRequest {
  url: string;
  /** `whsec_…`; several while a subscriber rolls its secret (each signs, space-separated). */
  secret: string | readonly string[];
  /** The derived delivery id: the same on every retry, so receivers can deduplicate. */
  webhookId: string;
  /** Unix seconds of this attempt (from the caller's clock). */
  timestamp: number;
  /** The serialised payload (`serializeWebhookPayload`): sent and signed byte for byte. */
  body: string;
}

export type WebhookSendResult = HttpDeliveryResult;

/**
 * Delivers Standard Webhooks requests. Resolves on 2xx; throws `DeliveryError` otherwise (feed it
 * to `nextAttempt`). One instance per process: it pools connections; `close()` on shutdown.
 */
export class WebhookSender {
  private readonly http: HttpDeliveryClient;

  constructor(options: HttpDeliveryOptions = {}) {
    this.http = new HttpDeliveryClient(options);
  }

  send(request: WebhookSendRequest): Promise<WebhookSendResult> {
    const headers = webhookHeaders(request.secret, request);
    return this.http.post(request.url, request.body, headers);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
