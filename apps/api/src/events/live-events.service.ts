import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { EventStore, RecordedEvent } from '@chipwatch/event-store';
import { EVENT_STORE, LOGGER, type Logger } from '@chipwatch/platform';
import { publicEvent } from './event-log.service';

export interface LiveStreamOptions {
  /** Resume after this position (Last-Event-ID or `after`); undefined: only events from now on. */
  after?: number;
  types?: readonly string[];
  streamId?: string;
  streamPrefix?: string;
}

const BATCH = 500;
const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events over the log. Reads with the store's gap-free tail cursor, so a client never
 * misses an event that commits late; `id:` is the event's position, so a reconnecting client
 * resumes with Last-Event-ID.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async stream(response: ServerResponse, options: LiveStreamOptions): Promise<void> {
    let cursor = options.after === undefined ? await this.store.headCursor() : await this.store.cursorAfter(options.after);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 2000\n\n');
    this.open.add(response);
    let wake: (() => void) | null = null;
    const unwatch = this.store.watch(() => wake?.());
    const closed = new Promise<void>((resolve) => response.once('close', resolve));
    void closed.then(() => wake?.());
    try {
      while (!response.destroyed && !response.writableEnded) {
        const batch = await this.store.readCommitted(cursor, BATCH);
        cursor = batch.cursor;
        for (const event of batch.events) {
          if (!matches(event, options)) continue;
          if (!response.write(`id: ${event.position}\ndata: ${JSON.stringify(publicEvent(event))}\n\n`)) {
            await Promise.race([new Promise((resolve) => response.once('drain', resolve)), closed]);
          }
        }
        if (batch.events.length === BATCH) continue;
        const idle = await new Promise<'woken' | 'idle'>((resolve) => {
          const timer = setTimeout(() => resolve('idle'), HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve('woken');
          };
        });
        wake = null;
        if (idle === 'idle' && !response.destroyed) response.write(': keep-alive\n\n');
      }
    } catch (error) {
      this.logger.error({ err: error }, 'live event stream failed');
    } finally {
      unwatch();
      this.open.delete(response);
      if (!response.writableEnded) response.end();
    }
  }

  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
  }
}

function matches(event: RecordedEvent, options: LiveStreamOptions): boolean {
  if (options.types?.length && !options.types.includes(event.type)) return false;
  if (options.streamId !== undefined && event.streamId !== options.streamId) return false;
  return options.streamPrefix === undefined || event.streamId.startsWith(options.streamPrefix);
}
