export { CLOCK, EVENT_STORE, JOB_QUEUE, LOGGER, SETTINGS } from './platform.tokens';
export { systemClock, type Clock } from './clock';
export { createLogger, PinoNestLogger, type Logger } from './logger';
export { MetricsService } from './metrics.service';
export { PlatformModule, type PlatformOptions } from './platform.module';
export { openEventStore } from './event-store.factory';
export { HealthService, type DependencyHealth, type HealthReport } from './health.service';
export { jobObservers } from './job-logging';
export { openJobQueue } from './job-queue.factory';
