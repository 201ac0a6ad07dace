import { HttpDeliveryClient, HttpDeliveryOptions, HttpDeliveryResult } from './http-delivery.adapter';
import type { SlackMessage } from './slack.message';

export interface SlackSendRequest {
  /** The incoming-webhook URL: a credential in itself, shown only through `redactUrl`. */
  url: string;
  message: SlackMessage;
}

export type SlackSendResult = HttpDeliveryResult;

/**
 * Posts to Slack incoming webhooks (and compatible ones, e.g. Mattermost) through the same
 * guarded client as webhooks: Slack answers 404/410 for a revoked or archived hook (final), 429
 * with `Retry-After` when rate-limited, and 200 `ok` on success.
 */
export class SlackSender {
  private readonly http: HttpDeliveryClient;

  constructor(options: HttpDeliveryOptions = {}) {
    this.http = new HttpDeliveryClient(options);
  }

  send(request: SlackSendRequest): Promise<SlackSendResult> {
    return this.http.post(request.url, JSON.stringify(request.message), {});
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
