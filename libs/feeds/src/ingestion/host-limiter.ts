import { KeyedLimiter } from '@chipwatch/platform';

/** At most `limit` polls at once per host (miniflux users were blocked for parallel requests to one host). */
export class HostLimiter {
  private readonly limiter: KeyedLimiter;

  constructor(limit: number) {
    this.limiter = new KeyedLimiter(limit);
  }

  run<T>(url: string, work: () => Promise<T>): Promise<T> {
    return this.limiter.run(hostOf(url), work);
  }

  /** Polls running now for the host of `url`. */
  running(url: string): number {
    return this.limiter.running(hostOf(url));
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
