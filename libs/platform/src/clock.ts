/** Injected wherever time matters, so throttles, backoff and schedules are tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
