import type { EventMetadata, EventStore } from '@chipwatch/event-store';
import { FeedPollError } from '../feed-errors';
import type { FeedFetcher } from '../feed-fetcher';
import type { FeedParser, ParseFeedOptions } from '../feed-parser';
import { pollFeed } from '../feed-poll';
import { planNextPoll, type PollPlan } from '../poll-schedule';
import type { FeedDefinition } from './feeds-config.schema';
import { feedStreamId, type FeedPolled, type FeedPollFailed } from './feed.events';
import type { FeedState } from './feed-state.projection';
import type { StoryRecorder } from './story-recorder';

export interface FeedPollerDeps {
  store: EventStore;
  fetcher: FeedFetcher;
  stories: StoryRecorder;
  now: () => Date;
  parser?: FeedParser;
  parseOptions?: ParseFeedOptions;
}

export interface PollRequest {
  feed: FeedDefinition;
  /** The due time this poll serves, or `manual-<time>`. */
  slot: string;
  /** The feed's state as projected (validators, failures); undefined for a new feed. */
  state?: FeedState;
  correlationId: string;
}

export type PollRecord = FeedPolled | FeedPollFailed;

/**
 * One poll of one feed, recorded: fetch → parse → normalise → `StoryDiscovered`/`StoryUpdated`,
 * then `FeedPolled` or `FeedPollFailed` with the next poll time. A failure of the feed is a fact
 * (FeedPollFailed), not an error; only a failure to record it (the store) throws, so the job
 * retries. Event ids are derived from feed and slot: a repeated job records nothing twice.
 */
export class FeedPoller {
  constructor(private readonly deps: FeedPollerDeps) {}

  async poll(request: PollRequest): Promise<PollRecord> {
    const { feed, slot, state } = request;
    const started = performance.now();
    const now = this.deps.now();
    const metadata: EventMetadata = { correlationId: request.correlationId, causationId: `poll-feed:${feed.id}:${slot}` };
    let record: PollRecord;
    try {
      const outcome = await pollFeed(
        { fetcher: this.deps.fetcher, parser: this.deps.parser },
        {
          feedId: feed.id,
          url: feed.url,
          now,
          languageHint: feed.language,
          validators: { etag: state?.etag ?? undefined, lastModified: state?.lastModified ?? undefined },
        },
        this.deps.parseOptions,
      );
      const fetch = outcome.fetch;
      const recorded = outcome.notModified
        ? { discovered: [], updated: [] }
        : await this.deps.stories.record(outcome.result.stories, metadata);
      const ttlMinutes = outcome.notModified ? (state?.ttlMinutes ?? undefined) : outcome.result.feed.ttlMinutes;
      const plan = planNextPoll({
        now: this.deps.now(),
        interval: feed.interval,
        ttlMinutes,
        cacheMaxAgeSec: fetch.cacheMaxAgeSec,
        consecutiveFailures: 0,
        jitterSeed: feed.id,
      });
      record = {
        type: 'FeedPolled',
        data: {
          feedId: feed.id,
          status: fetch.status,
          notModified: fetch.notModified,
          ...(fetch.etag ? { etag: fetch.etag } : {}),
          ...(fetch.lastModified ? { lastModified: fetch.lastModified } : {}),
          itemsSeen: outcome.notModified ? 0 : outcome.result.itemsSeen,
          newStories: recorded.discovered.length,
          updatedStories: recorded.updated.length,
          durationMs: elapsed(started),
          slot,
          ...planFields(plan),
          ...(ttlMinutes !== undefined ? { ttlMinutes } : {}),
          ...(fetch.finalUrl !== feed.url ? { finalUrl: fetch.finalUrl } : {}),
          ...(outcome.notModified
            ? {}
            : { droppedItems: outcome.result.droppedItems, parser: outcome.result.feed.parser, charset: outcome.result.feed.charset }),
        },
      };
    } catch (error) {
      if (!(error instanceof FeedPollError)) throw error;
      const attempt = (state?.consecutiveFailures ?? 0) + 1;
      const plan = planNextPoll({
        now: this.deps.now(),
        interval: feed.interval,
        consecutiveFailures: attempt,
        retryAfter: error.retryAfter,
        jitterSeed: feed.id,
      });
      record = {
        type: 'FeedPollFailed',
        data: {
          feedId: feed.id,
          reason: error.reason,
          message: error.message,
          ...(error.httpStatus !== undefined ? { httpStatus: error.httpStatus } : {}),
          attempt,
          slot,
          ...planFields(plan),
          ...(error.retryAfter ? { retryAfter: error.retryAfter.toISOString() } : {}),
          durationMs: elapsed(started),
        },
      };
    }
    await this.deps.store.append(feedStreamId(feed.id), [{ id: `${record.type}:${feed.id}:${slot}`, ...record, metadata }]);
    return record;
  }
}

function planFields(plan: PollPlan): { nextPollAt: string; nextPollReason: string } {
  return { nextPollAt: plan.at.toISOString(), nextPollReason: plan.reason };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
