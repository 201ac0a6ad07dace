/**
 * At most `limit` polls run at once per host, so one slow host cannot take every poll slot.
 * Written by hand: a keyed counting semaphore is a few lines, and the common libraries
 * (p-limit) are ESM-only.
 */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`per-host limit must be at least 1, got ${limit}`);
  }

  async run<T>(url: string, work: () => Promise<T>): Promise<T> {
    const host = hostOf(url);
    await this.acquire(host);
    try {
      return await work();
    } finally {
      this.release(host);
    }
  }

  /** Polls running now for the host of `url`. */
  running(url: string): number {
    return this.active.get(hostOf(url)) ?? 0;
  }

  private acquire(host: string): Promise<void> {
    const count = this.active.get(host) ?? 0;
    if (count < this.limit) {
      this.active.set(host, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(host) ?? [];
      queue.push(resolve);
      this.waiting.set(host, queue);
    });
  }

  private release(host: string): void {
    const next = this.waiting.get(host)?.shift();
    if (next) return next(); // the slot passes straight to the next waiter
    if (this.waiting.get(host)?.length === 0) this.waiting.delete(host);
    const count = (this.active.get(host) ?? 1) - 1;
    if (count === 0) this.active.delete(host);
    else this.active.set(host, count);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
