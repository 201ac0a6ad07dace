import { Inject, Injectable } from '@nestjs/common';
import { listAlerts, readAlert, RuleBook } from '@chipwatch/alerts';
import type { Settings } from '@chipwatch/config';
import type { EventStore } from '@chipwatch/event-store';
import { atomAlertOf, renderAlertsAtom } from '@chipwatch/notifications';
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

  /**
   * The alert with its provenance: story and its events, classification and evidence, rule and
   * hash, every delivery attempt. Folded from the alert's stream, so a delivery that just raised
   * its severity shows at once.
   */
  async get(alertId: string) {
    const { alert, events } = await readAlert(this.store, alertId);
    if (!alert) throw apiError(404, `no alert ${alertId}`);
    const story = await this.store.documents.get<StoryView>(STORIES_COLLECTION, alert.storyId);
    const storyEvents = await this.store.readStream(storyStreamId(alert.storyId));
    const active = this.rules.active().ruleSet.rules.find((rule) => rule.id === alert.ruleId);
    return {
      alert,
      rule: { id: alert.ruleId, hash: alert.ruleHash, activeDefinition: active ?? null },
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
      // An older entry may have been updated after the newest was raised.
      updated: alerts
        .flatMap((a) => [a.raisedAt, a.updatedAt ?? ''])
        .reduce((latest, at) => (at > latest ? at : latest), new Date(0).toISOString()),
      title: query.rule ? `chipwatch alerts: ${query.rule}` : 'chipwatch alerts',
      alerts: alerts.map((alert) => atomAlertOf(alert, `${base}/stories/${alert.storyId}`)),
    });
  }
}
