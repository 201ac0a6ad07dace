import type { EventStore, RecordedEvent } from '@chipwatch/event-store';

/** Waits for a fact, with a deadline: never a bare sleep. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every event in the log of the given types. */
export async function eventsOf(store: EventStore, ...types: string[]): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000, types });
    all.push(...page);
    if (page.length < 1000) return all;
    after = page[page.length - 1].position;
  }
}

/** Waits until at least `count` events match `predicate`, and returns them. */
export function waitForEvents(
  store: EventStore,
  type: string,
  count: number,
  predicate: (event: RecordedEvent) => boolean = () => true,
  timeoutMs?: number,
): Promise<RecordedEvent[]> {
  return waitFor(
    `${count} ${type} event(s)`,
    async () => {
      const matching = (await eventsOf(store, type)).filter(predicate);
      return matching.length >= count ? matching : undefined;
    },
    timeoutMs,
  );
}
