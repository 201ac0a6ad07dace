import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ConcurrencyError, type EventMetadata, type EventStore } from '@chipwatch/event-store';
import { evolveStory, storyStreamId, type StoryDiscovered, type StoryEvent, type StoryUpdated, type StoryView } from '@chipwatch/stories';
import type { NormalisedStory } from '../story-normaliser';

export interface RecordedStories {
  discovered: string[];
  updated: string[];
}

export interface StoryRecorderOptions {
  /** Stories whose content this process remembers, to skip the log on unchanged items. @defaultValue 100000 */
  cacheSize?: number;
}

/** Attempts at an update that races another writer before giving up (the next poll tries again). */
const UPDATE_ATTEMPTS = 3;

/**
 * Turns normalised items into story facts: `StoryDiscovered` once per story ever (the append
 * requires the stream not to exist, so a second feed, a restart or a second worker cannot
 * discover it again), and `StoryUpdated` when the feed that discovered a story changes its title
 * or summary.
 * A per-process cache of content hashes skips the log for items seen unchanged.
 */
export class StoryRecorder {
  private readonly known: LRUCache<string, string>;

  constructor(
    private readonly store: EventStore,
    options: StoryRecorderOptions = {},
  ) {
    this.known = new LRUCache({ max: options.cacheSize ?? 100_000 });
  }

  async record(stories: readonly NormalisedStory[], metadata: EventMetadata): Promise<RecordedStories> {
    const result: RecordedStories = { discovered: [], updated: [] };
    for (const story of stories) {
      const hash = contentHash(story.title, story.summary);
      if (this.known.get(story.storyId) === hash) continue;
      const outcome = await this.recordOne(story, metadata);
      if (outcome === 'discovered') result.discovered.push(story.storyId);
      if (outcome === 'updated') result.updated.push(story.storyId);
      this.known.set(story.storyId, hash);
    }
    return result;
  }

  private async recordOne(story: NormalisedStory, metadata: EventMetadata): Promise<'discovered' | 'updated' | 'unchanged'> {
    const streamId = storyStreamId(story.storyId);
    const discovered: StoryDiscovered = {
      type: 'StoryDiscovered',
      data: {
        storyId: story.storyId,
        feedId: story.feedId,
        guid: story.guid,
        url: story.url,
        title: story.title,
        summary: story.summary,
        language: story.language,
        publishedAt: story.publishedAt,
      },
    };
    try {
      const appended = await this.store.append(streamId, [{ id: `StoryDiscovered:${story.storyId}`, ...discovered, metadata }], {
        expectedVersion: 'no-stream',
      });
      // A duplicate is this very discovery replayed (a retried job): the story is known.
      if (!appended.duplicate) return 'discovered';
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
    for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
      const events = await this.store.readStream<StoryEvent>(streamId);
      const current = events.reduce<StoryView | undefined>(evolveStory, undefined);
      // Another feed carrying the same article under its own headline is syndication, not an edit:
      // taking it would flip the story back and forth on every poll.
      if (!current || current.feedId !== story.feedId) return 'unchanged';
      const changed: ('title' | 'summary')[] = [];
      if (current.title !== story.title) changed.push('title');
      if (current.summary !== story.summary) changed.push('summary');
      if (changed.length === 0) return 'unchanged';
      const version = events[events.length - 1].streamVersion;
      const updated: StoryUpdated = {
        type: 'StoryUpdated',
        data: { storyId: story.storyId, feedId: story.feedId, title: story.title, summary: story.summary, changed },
      };
      try {
        await this.store.append(streamId, [{ id: `StoryUpdated:${story.storyId}:${version + 1}`, ...updated, metadata }], {
          expectedVersion: version,
        });
        return 'updated';
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt === UPDATE_ATTEMPTS) throw error;
      }
    }
    return 'unchanged';
  }
}

function contentHash(title: string, summary: string): string {
  return createHash('sha1').update(title).update('\u0000').update(summary).digest('base64');
}
