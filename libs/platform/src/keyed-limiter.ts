/**
 * At most `limit` tasks run at once per key (a host, a subscription), so one slow party cannot
 * take every slot. Written by hand: a keyed counting semaphore is a few lines, and the common
 * libraries (p-limit) are ESM-only.
 */
export class KeyedLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`limit must be at least 1, got ${limit}`);
  }

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  /** Tasks running now for `key`. */
  running(key: string): number {
    return this.active.get(key) ?? 0;
  }

  /** Tasks for `key` running or waiting to run now. */
  pending(key: string): number {
    return this.running(key) + (this.waiting.get(key)?.length ?? 0);
  }

  private acquire(key: string): Promise<void> {
    const count = this.active.get(key) ?? 0;
    if (count < this.limit) {
      this.active.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) return next(); // the slot passes straight to the next waiter
    this.waiting.delete(key);
    const count = (this.active.get(key) ?? 1) - 1;
    if (count === 0) this.active.delete(key);
    else this.active.set(key, count);
  }
}
