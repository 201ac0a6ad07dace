import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@chipwatch/event-store';
import type { JobQueue } from '@chipwatch/queue';
import { EVENT_STORE, JOB_QUEUE } from './platform.tokens';

export interface DependencyHealth {
  status: 'up' | 'down';
  /** Why it is down, or a useful detail (e.g. lag) when up. */
  detail?: Record<string, unknown> | string;
}

export interface HealthReport {
  status: 'up' | 'down';
  checks: Record<string, DependencyHealth>;
}

type HealthCheck = () => Promise<DependencyHealth>;

const CHECK_TIMEOUT_MS = 3_000;

/** Collects each dependency's status; any module may register a check (queue, Redis, workers). */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(JOB_QUEUE) queue: JobQueue) {
    this.register('eventStore', async () => {
      await store.ping();
      return { status: 'up', detail: { adapter: store.kind, headPosition: await store.headPosition() } };
    });
    this.register('queue', async () => {
      await queue.ping();
      return { status: 'up', detail: { adapter: queue.kind } };
    });
  }

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all([...this.checks].map(async ([name, check]) => [name, await runCheck(check)] as const));
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, health]) => health.status === 'up') ? 'up' : 'down';
    return { status, checks };
  }
}

async function runCheck(check: HealthCheck): Promise<DependencyHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyHealth>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
