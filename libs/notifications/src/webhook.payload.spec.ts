import { buildTestNotice } from './delivery/alert-notice';
import { alertNotice, updatedNotice } from './testing/alert-notice.fixture';
import { buildWebhookPayload, serializeWebhookPayload, type WebhookPayload } from './webhook.payload';

describe('buildWebhookPayload', () => {
  it('has the contract shape for a raised alert, with the title exactly as published', () => {
    const notice = alertNotice();
    const payload = JSON.parse(serializeWebhookPayload(notice)) as WebhookPayload;
    expect(payload).toEqual({
      type: 'alert.raised',
      alert: {
        alertId: 'a1b2c3d4e5f6a1b2c3d4e5f6',
        id: 'a1b2c3d4e5f6a1b2c3d4e5f6',
        clusterId: '9f8e7d6c5b4a9f8e7d6c5b4a',
        ruleId: 'nvidia-china',
        ruleIds: ['nvidia-china'],
        severity: 'medium',
        raisedAt: '2025-06-02T10:05:00.000Z',
      },
      story: {
        storyId: '9f8e7d6c5b4a9f8e7d6c5b4a',
        id: '9f8e7d6c5b4a9f8e7d6c5b4a',
        title: notice.story.title,
        url: 'https://news.example.com/tech/2025/06/chips?id=42&ref=rss',
        feedId: 'mercado-pt',
        language: 'pt',
        publishedAt: '2025-06-02T09:58:00.000Z',
        summary: notice.story.summary,
      },
      classification: {
        score: 0.934,
        subtopics: ['new-restriction', 'licence-decision'],
        entities: {
          companies: ['NVIDIA'],
          products: ['H20'],
          agencies: ['Commerce Department', 'BIS'],
          jurisdictions: ['United States', 'China'],
        },
        evidence: notice.classification.evidence,
      },
    });
    expect(payload.story.title).toBe('EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China');
  });

  it('spells ids as REST does, keeping alert.id and story.id as aliases of alertId and storyId', () => {
    const { alert, story } = buildWebhookPayload(alertNotice());
    expect(alert.id).toBe(alert.alertId);
    expect(story.id).toBe(story.storyId);
    expect(Object.keys(alert).slice(0, 2)).toEqual(['alertId', 'id']);
  });

  it('names the same alert on an update, with the later alert that raised the severity in updatedBy', () => {
    const raised = buildWebhookPayload(alertNotice());
    const payload = buildWebhookPayload(updatedNotice());
    expect(payload.type).toBe('alert.updated');
    expect(payload.alert).toEqual({
      alertId: raised.alert.alertId,
      id: raised.alert.alertId,
      clusterId: raised.alert.clusterId,
      ruleId: 'nvidia-china',
      ruleIds: ['nvidia-china', 'entity-list-critical'],
      severity: 'critical',
      raisedAt: raised.alert.raisedAt,
      updatedAt: '2025-06-02T11:00:00.000Z',
      updatedBy: { alertId: 'f6e5d4c3b2a1f6e5d4c3b2a1', ruleId: 'entity-list-critical', severity: 'critical' },
    });
  });

  it('always includes ruleId in ruleIds and uses null for absent story fields', () => {
    const base = alertNotice();
    const payload = buildWebhookPayload({
      ...base,
      alert: { ...base.alert, ruleIds: [] },
      story: { ...base.story, publishedAt: undefined, summary: undefined },
    });
    expect(payload.alert.ruleIds).toEqual(['nvidia-china']);
    expect(payload.story.publishedAt).toBeNull();
    expect(payload.story.summary).toBeNull();
    expect('updatedAt' in payload.alert).toBe(false);
    expect('updatedBy' in payload.alert).toBe(false);
  });

  it('sends a test as alert.test, in the shape of a real alert, about no alert', () => {
    const payload = buildWebhookPayload(buildTestNotice('2025-06-02T10:05:00.000Z'));
    expect(payload.type).toBe('alert.test');
    expect(payload.alert).toEqual({
      alertId: 'test',
      id: 'test',
      clusterId: 'test',
      ruleId: 'test',
      ruleIds: ['test'],
      severity: 'info',
      raisedAt: '2025-06-02T10:05:00.000Z',
    });
    expect(Object.keys(payload.story)).toEqual(Object.keys(buildWebhookPayload(alertNotice()).story));
  });

  it('keeps titles with leading/trailing spaces, emoji and control characters intact', () => {
    const base = alertNotice();
    const title = '  芯片出口管制 🇨🇳 \u2028 "quoted"\n';
    const payload = JSON.parse(serializeWebhookPayload({ ...base, story: { ...base.story, title } })) as WebhookPayload;
    expect(payload.story.title).toBe(title);
  });
});
