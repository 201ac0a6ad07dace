/** Admin shutdown, crash shutdown, cannot connect now, connection failures; or the socket went away. */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE']);

/** How often an idempotent statement runs again after its connection died under it. */
const ATTEMPTS = 3;

export function isConnectionLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return CONNECTION_LOST.has(e.code ?? '') || /Connection terminated|connection timeout/i.test(e.message ?? '');
}

/**
 * Runs an idempotent statement (a read, an upsert) and, when its connection is lost (a terminated
 * backend, a restarted server), runs it again on a fresh pooled connection after a short pause, so
 * that a reader sees a slower answer rather than an error. Other errors pass through at once.
 */
export async function retryOnLostConnection<T>(statement: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isConnectionLost(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}
