import { pageTimeline, type DocumentReader, type EventStore, type Recorded } from '@chipwatch/event-store';
import { alertStreamId, type AlertStreamEvent } from '../alert.events';
import { ALERT_TIMELINE_COLLECTION, ALERTS_COLLECTION, evolveAlert, upgradeAlertView, type AlertView } from './alert.projection';

export interface AlertFilters {
  rule?: string;
  /** Only alerts of exactly these severities (the notified `severity`). */
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
    matches: (alert) =>
      (!filters.rule || alert.ruleId === filters.rule) && (!filters.severity?.length || filters.severity.includes(alert.severity)),
  });
  return { alerts: page.items.map(upgradeAlertView), next: page.next };
}

/**
 * One alert folded from its stream, read from the log rather than the projection (which may lag
 * behind a delivery that just raised its severity), with the stream's events.
 */
export async function readAlert(
  store: Pick<EventStore, 'readStream'>,
  alertId: string,
): Promise<{ alert: AlertView | undefined; events: Recorded<AlertStreamEvent>[] }> {
  const events = await store.readStream<AlertStreamEvent>(alertStreamId(alertId));
  return { alert: events.reduce<AlertView | undefined>(evolveAlert, undefined), events };
}
