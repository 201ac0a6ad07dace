/**
 * Every job chipwatch runs, in one place. Queue and job names are persisted strings (BullMQ keys,
 * logs, metrics): never rename one; add a new name instead.
 */
export interface JobMap {
  /** Fetch, parse and record one feed. `slot` is the due time it was scheduled for (ISO 8601). */
  'poll-feed': { feedId: string; slot: string; reason: 'schedule' | 'startup' | 'manual' | 'reconcile' };
  /** Classify one story with the current classifier version. */
  'classify-story': { storyId: string };
  /** One attempt at sending one alert to one subscription. */
  'deliver-notification': {
    alertId: string;
    subscriptionId: string;
    /** The notification is per story cluster and subscription; `update` 1 is the one allowed update. */
    clusterId: string;
    update: number;
    ruleIds: string[];
    severity: 'info' | 'low' | 'medium' | 'high' | 'critical';
    attempt: number;
    /** Times this attempt was put back to wait because its subscription had every send slot busy. */
    deferrals?: number;
  };
}

export type JobName = keyof JobMap;

export const JOB_NAMES: readonly JobName[] = ['poll-feed', 'classify-story', 'deliver-notification'];
