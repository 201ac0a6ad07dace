import type { SubscriptionBackend } from './subscription-backend';

const POLL_MS = 100;

/**
 * Waits until the checkpoint stored for subscription `name` covers everything committed when this
 * was called. Reads the stored checkpoint rather than a runner's state, so it works whichever
 * process holds the subscription; wake-up hints cut the wait short, the poll bounds it.
 */
export async function waitForStoredCheckpoint(backend: SubscriptionBackend, name: string, timeoutMs = 30_000): Promise<void> {
  const horizon = await backend.horizon();
  const deadline = Date.now() + timeoutMs;
  let wake: (() => void) | undefined;
  const unwatch = backend.watch(() => wake?.());
  try {
    while (!(await backend.handledUpTo(name, horizon))) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`subscription ${name} did not handle the events committed before the wait within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(POLL_MS, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    wake = undefined;
    unwatch();
  }
}
