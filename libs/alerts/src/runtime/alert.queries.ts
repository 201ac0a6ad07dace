import { pageTimeline, type DocumentReader } from '@chipwatch/event-store';
import { ALERT_TIMELINE_COLLECTION, ALERTS_COLLECTION, type AlertView } from './alert.projection';

export interface AlertFilters {
  rule?: string;
  /** Only alerts of exactly these severities. */
  severity?: string[];
  since?: Date;
  cursor?: string;
  /** @defaultValue 50 */
  limit?: number;
}

export interface AlertPage {
  alerts: AlertView[];
  next: string | null;
}

/** Newest first, by when they were raised. */
export async function listAlerts(documents: DocumentReader, filters: AlertFilters): Promise<AlertPage> {
  const since = filters.since?.toISOString();
  const page = await pageTimeline<AlertView>(documents, {
    timeline: ALERT_TIMELINE_COLLECTION,
    items: ALERTS_COLLECTION,
    cursor: filters.cursor,
    limit: filters.limit ?? 50,
    isPast: (alert) => since !== undefined && alert.raisedAt < since,
    matches: (alert) => (!filters.rule || alert.ruleId === filters.rule) && (!filters.severity?.length || filters.severity.includes(alert.severity)),
  });
  return { alerts: page.items, next: page.next };
}
