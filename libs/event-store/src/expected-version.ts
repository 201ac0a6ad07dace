import type { ExpectedVersion } from './event';
import { ConcurrencyError } from './errors';

/** Throws ConcurrencyError unless a stream at `current` (0 = absent) satisfies `expected`. */
export function assertExpectedVersion(streamId: string, expected: ExpectedVersion | undefined, current: number): void {
  if (expected === undefined || expected === 'any') return;
  const ok = expected === 'no-stream' ? current === 0 : expected === 'stream-exists' ? current > 0 : current === expected;
  if (!ok) throw new ConcurrencyError(streamId, String(expected), current);
}
