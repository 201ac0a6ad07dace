import { Inject, Injectable } from '@nestjs/common';
import { ALERTS_COLLECTION, alertStreamId, evolveAlert, listAlerts, RuleBook, type AlertStreamEvent, type AlertView } from '@chipwatch/alerts';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { renderAlertsAtom } from '@chipwatch/notifications';
import { CLOCK, EVENT_STORE, SETTINGS, type Clock } from '@chipwatch/platform';
import { STORIES_COLLECTION, storyStreamId, type StoryView } from '@chipwatch/stories';
import { publicEvent } from '../events/event-log.service';
import { apiError } from '../http/error.schema';
import { resolvePointInTime } from '../http/params.schema';
import { RulesService } from '../rules/rules.service';
import type { AlertsAtomQuery, AlertsQuery } from './alerts.schema';

/** Alerts for people: lists, provenance, and an Atom feed for feed readers. */
@Injectable()
export class AlertReaderService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly rules: RuleBook,
    private readonly ruleIds: RulesService,
  ) {}

  async list(query: AlertsQuery) {
    await this.ruleIds.requireKnownRule(query.rule);
    return listAlerts(this.store.documents, { ...query, since: resolvePointInTime(query.since, this.clock.now()) });
  }

  /** The alert with its provenance: story and its events, classification and evidence, rule and hash, every delivery attempt. */
  async get(alertId: string) {
    const alert = await this.store.documents.get<AlertView>(ALERTS_COLLECTION, alertId);
    const events = await this.store.readStream<AlertStreamEvent>(alertStreamId(alertId));
    // The projection may lag the log: fold the stream when the document is not there yet.
    const raised = alert ?? events.reduce<AlertView | undefined>(evolveAlert, undefined);
    if (!raised) throw apiError(404, `no alert ${alertId}`);
    const story = await this.store.documents.get<StoryView>(STORIES_COLLECTION, raised.storyId);
    const storyEvents = await this.store.readStream(storyStreamId(raised.storyId));
    const active = this.rules.active().ruleSet.rules.find((rule) => rule.id === raised.ruleId);
    return {
      alert: alert ?? null,
      rule: { id: raised.ruleId, hash: raised.ruleHash, activeDefinition: active ?? null },
      story: story ?? null,
      classification: story?.classification ?? null,
      storyEvents: storyEvents.map(publicEvent),
      events: events.map(publicEvent),
      deliveries: events.filter((e) => e.type === 'NotificationDelivered' || e.type === 'NotificationFailed').map(publicEvent),
    };
  }

  async atom(query: AlertsAtomQuery, selfUrl: string): Promise<string> {
    await this.ruleIds.requireKnownRule(query.rule);
    const { alerts } = await listAlerts(this.store.documents, query);
    const base = this.settings.publicUrl;
    return renderAlertsAtom({
      feedUrl: `${base}/alerts.atom`,
      selfUrl: `${base}${selfUrl}`,
      updated: alerts[0]?.raisedAt ?? new Date(0).toISOString(),
      title: query.rule ? `chipwatch alerts: ${query.rule}` : 'chipwatch alerts',
      alerts: alerts.map((alert) => ({
        alert: { id: alert.alertId, ruleId: alert.ruleId, ruleIds: [alert.ruleId], severity: alert.severity, raisedAt: alert.raisedAt },
        story: { id: alert.storyId, title: alert.title, url: alert.url ?? `${base}/stories/${alert.storyId}`, feedId: alert.feedId, language: '' },
      })),
    });
  }
}
