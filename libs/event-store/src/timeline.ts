import type { DocumentReader } from './documents';

export interface TimelinePageOptions<T> {
  /** Collection of `padded position → item key`. */
  timeline: string;
  /** Collection of the items. */
  items: string;
  /** From a previous page's `next`. */
  cursor?: string;
  limit: number;
  matches(item: T): boolean;
  /** True when this item and every older one are out of range (e.g. before `since`). */
  isPast?(item: T): boolean;
  /** Bounds one request's work on sparse filters; the page then ends early with a cursor. @defaultValue 20000 */
  scanLimit?: number;
}

export interface TimelinePage<T> {
  items: T[];
  /** Pass as `cursor` for older items; null at the end. */
  next: string | null;
}

const BATCH = 200;

/** Newest-first paging over a timeline collection, filtering items as it goes. */
export async function pageTimeline<T>(documents: DocumentReader, options: TimelinePageOptions<T>): Promise<TimelinePage<T>> {
  const items: T[] = [];
  const scanLimit = options.scanLimit ?? 20_000;
  let beforeKey = options.cursor;
  let scanned = 0;
  for (;;) {
    const keys = await documents.list<string>(options.timeline, { beforeKey, order: 'desc', limit: BATCH });
    for (const { key, doc: itemKey } of keys) {
      beforeKey = key;
      scanned++;
      const item = await documents.get<T>(options.items, itemKey);
      if (!item) continue;
      if (options.isPast?.(item)) return { items, next: null };
      if (options.matches(item)) items.push(item);
      if (items.length === options.limit) return { items, next: key };
    }
    if (keys.length < BATCH) return { items, next: null };
    if (scanned >= scanLimit) return { items, next: beforeKey ?? null };
  }
}
