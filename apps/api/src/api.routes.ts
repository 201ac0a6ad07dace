import { alertRoutes } from './alerts/alerts.schema';
import { eventRoutes } from './events/events.schema';
import { feedRoutes } from './feeds/feeds.schema';
import { healthRoutes } from './health/health.schema';
import { docsRoutes } from './http/docs.schema';
import type { RouteContract } from './http/route-contract';
import { metricsRoutes } from './metrics/metrics.schema';
import { ruleRoutes } from './rules/rules.schema';
import { storyRoutes } from './stories/stories.schema';
import { subscriptionRoutes } from './subscriptions/subscriptions.schema';

/** Every endpoint, in the order the document lists them. */
export const API_ROUTES: readonly RouteContract[] = [
  ...Object.values(eventRoutes),
  ...Object.values(storyRoutes),
  ...Object.values(alertRoutes),
  ...Object.values(subscriptionRoutes),
  ...Object.values(feedRoutes),
  ...Object.values(ruleRoutes),
  ...Object.values(healthRoutes),
  ...Object.values(metricsRoutes),
  ...Object.values(docsRoutes),
];
