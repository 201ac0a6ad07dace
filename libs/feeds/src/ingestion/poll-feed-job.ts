import type { JobRequest } from '@chipwatch/queue';

/** Why a poll was queued: the schedule, the first poll after start, a person, or the reconciler. */
export type PollReason = 'schedule' | 'startup' | 'manual' | 'reconcile';

declare module '@chipwatch/queue' {
  interface JobMap {
    /** Fetch, parse and record one feed. `slot` is the due time it was scheduled for (ISO 8601), or `manual-<time>`. */
    'poll-feed': { feedId: string; slot: string; reason: PollReason };
  }
}

/** The `poll-feed` job for one feed and due slot: its id is derived, so a feed is polled once per slot however many workers tick. */
export function pollFeedJob(feedId: string, slot: string, reason: PollReason): JobRequest<'poll-feed'> {
  return { name: 'poll-feed', jobId: `poll-feed:${feedId}:${slot}`, data: { feedId, slot, reason } };
}
