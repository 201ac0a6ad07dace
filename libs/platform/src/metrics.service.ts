import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Subscription } from '@chipwatch/event-store';

/** One registry per process: process metrics, HTTP, event store, subscriptions, jobs. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly subscriptions = new Set<Subscription>();
  private headPosition: () => Promise<number> = () => Promise.resolve(0);

  readonly httpDuration = new Histogram({
    name: 'chipwatch_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'chipwatch_eventstore_appended_events_total',
    help: 'Events appended to the event store',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'chipwatch_eventstore_append_duration_seconds',
    help: 'Latency of one append call (one transaction)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'chipwatch_jobs_total',
    help: 'Jobs processed by name and outcome',
    labelNames: ['name', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'chipwatch_job_duration_seconds',
    help: 'Job processing time by name',
    labelNames: ['name'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'chipwatch_' });
    const headGauge: Gauge = new Gauge({
      name: 'chipwatch_eventstore_head_position',
      help: 'Position of the newest event in the log',
      registers: [this.registry],
      collect: async () => {
        headGauge.set(await this.headPosition());
      },
    });
    const lagGauge: Gauge<'subscription'> = new Gauge({
      name: 'chipwatch_subscription_lag_events',
      help: 'Events between the head of the log and what a subscription has handled (active instances only)',
      labelNames: ['subscription'] as const,
      registers: [this.registry],
      collect: async () => {
        lagGauge.reset();
        const head = await this.headPosition();
        for (const subscription of this.subscriptions) {
          const status = subscription.status();
          if (status.active) lagGauge.set({ subscription: status.name }, Math.max(0, head - status.lastPosition));
        }
      },
    });
  }

  trackHead(headPosition: () => Promise<number>): void {
    this.headPosition = headPosition;
  }

  trackSubscription(subscription: Subscription): void {
    this.subscriptions.add(subscription);
  }

  untrackSubscription(subscription: Subscription): void {
    this.subscriptions.delete(subscription);
  }
}
