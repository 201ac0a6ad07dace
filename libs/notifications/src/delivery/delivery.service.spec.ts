import { parseRules, type AlertView } from '@chipwatch/alerts';
import type { DiscoveredStory } from '@chipwatch/stories';
import { NotificationScenario, type SentNotification, type Verdict } from '../testing/notification-scenario';
import { atomAlertOf } from '../alerts.atom';
import type { WebhookPayload } from '../webhook.payload';

const RULES = parseRules(
  `rules:
  - { id: export-controls-any, when: { topic: ai-chip-export-controls, minScore: 0.6 }, severity: medium }
  - { id: new-restrictions, when: { topic: ai-chip-export-controls, minScore: 0.7, subtopics: { any: [new-restriction, enforcement] } }, severity: high }
`,
  'spec-rules.yaml',
);

const STORY: DiscoveredStory = {
  storyId: 'story-nvidia',
  feedId: 'cnbc-tech',
  guid: null,
  url: 'https://news.example.com/nvidia-shares',
  title: 'Nvidia shares fall as US export controls on AI chips to China weigh on outlook',
  summary: "Investors worry about the impact of export restrictions on Nvidia's data-center revenue.",
  language: 'en',
  publishedAt: '2025-06-02T09:58:00.000Z',
};

function verdict(subtopics: string[]): Verdict {
  return {
    classifierVersion: 'spec',
    relevant: true,
    score: 0.95,
    topic: 'ai-chip-export-controls',
    subtopics,
    entities: { companies: ['NVIDIA'], products: [], agencies: [], jurisdictions: ['United States', 'China'] },
    evidence: [{ text: 'export controls', field: 'title', concept: 'export-control', weight: 6.5 }],
    language: 'en',
  };
}

const MARKET = verdict(['company-impact', 'market-reaction']);
const NEW_RULE = verdict(['new-restriction', 'company-impact']);

function webhooks(sent: readonly SentNotification[]): WebhookPayload[] {
  return sent.flatMap((n) => (n.channel === 'webhook' ? [JSON.parse(n.body) as WebhookPayload] : []));
}

async function alertOf(scenario: NotificationScenario, alertId: string): Promise<AlertView> {
  const alert = await scenario.alert(alertId);
  if (!alert) throw new Error(`no alert ${alertId}`);
  return alert;
}

describe('DeliveryService with the live evaluator and dispatcher', () => {
  let scenario: NotificationScenario;

  beforeEach(() => {
    scenario = new NotificationScenario(RULES, '2025-06-02T10:00:00.000Z');
  });

  it('given a story matching a medium and a high rule, when delivered, then one webhook names the high alert with its severity, and REST shows the same', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_desk', channel: 'webhook' });
    await scenario.discover(STORY, NEW_RULE);
    const [payload, ...more] = webhooks(await scenario.settle());

    expect(more).toEqual([]);
    expect(payload.type).toBe('alert.raised');
    expect(payload.alert).toMatchObject({
      ruleId: 'new-restrictions',
      ruleIds: ['new-restrictions', 'export-controls-any'],
      severity: 'high',
    });
    const rest = await alertOf(scenario, payload.alert.alertId);
    expect(rest).toMatchObject({
      alertId: payload.alert.alertId,
      ruleId: 'new-restrictions',
      severity: 'high',
      ruleSeverity: 'high',
      updatedBy: null,
    });
    expect(rest.deliveries).toEqual([
      expect.objectContaining({ subscriptionId: 'sub_desk', kind: 'raised', severity: 'high', status: 'delivered' }),
    ]);
  });

  it('given a subscriber to the medium rule only, then its notification names the medium alert, as REST shows it', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_any', channel: 'webhook', rules: ['export-controls-any'] });
    await scenario.discover(STORY, NEW_RULE);
    const [payload] = webhooks(await scenario.settle());

    expect(payload.alert).toMatchObject({ ruleId: 'export-controls-any', ruleIds: ['export-controls-any'], severity: 'medium' });
    expect(await alertOf(scenario, payload.alert.alertId)).toMatchObject({
      ruleId: 'export-controls-any',
      severity: 'medium',
      ruleSeverity: 'medium',
    });
  });

  it('given a raised notification, when an edit matches a higher rule, then alert.updated names the same alert, the later one in updatedBy, and REST and Atom follow', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_desk', channel: 'webhook' });
    await scenario.discover(STORY, MARKET);
    const [raised] = webhooks(await scenario.settle());
    scenario.at('2025-06-02T11:00:00.000Z');
    await scenario.edit({ ...STORY, summary: 'The Commerce Department added 140 Chinese firms to the Entity List.' }, NEW_RULE);
    const sent = await scenario.settle();
    const [updated] = webhooks(sent);

    expect(raised.alert).toMatchObject({ ruleId: 'export-controls-any', severity: 'medium' });
    expect(updated.type).toBe('alert.updated');
    expect(updated.alert).toEqual({
      ...raised.alert,
      ruleIds: ['export-controls-any', 'new-restrictions'],
      severity: 'high',
      updatedAt: '2025-06-02T11:00:00.000Z',
      updatedBy: { alertId: expect.not.stringMatching(raised.alert.alertId) as string, ruleId: 'new-restrictions', severity: 'high' },
    });
    expect(sent[0].channel === 'webhook' && sent[0].webhookId).toMatch(/^ntf_[0-9a-f]{24}_1$/);

    const first = await alertOf(scenario, raised.alert.alertId);
    expect(first).toMatchObject({
      severity: 'high',
      ruleSeverity: 'medium',
      updatedAt: '2025-06-02T11:00:00.000Z',
      updatedBy: updated.alert.updatedBy,
    });
    expect(first.deliveries.map((d) => [d.kind, d.severity, d.status])).toEqual([
      ['raised', 'medium', 'delivered'],
      ['updated', 'high', 'delivered'],
    ]);
    const entry = atomAlertOf(first, 'https://chipwatch.example.org/stories/x');
    expect(entry.alert).toMatchObject({
      alertId: raised.alert.alertId,
      severity: 'high',
      ruleIds: ['export-controls-any', 'new-restrictions'],
      updatedAt: '2025-06-02T11:00:00.000Z',
    });
    const later = await alertOf(scenario, updated.alert.updatedBy!.alertId);
    expect(later).toMatchObject({ ruleId: 'new-restrictions', severity: 'high', deliveries: [] });
    expect(await scenario.notification(first.clusterId, 'sub_desk')).toMatchObject({ update: 1, status: 'delivered', attempts: 1 });
  });

  it('given Slack and email subscribers, then they show the severity and alert id REST shows', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_team', channel: 'slack' });
    await scenario.subscribe({ subscriptionId: 'sub_mail', channel: 'email' });
    await scenario.discover(STORY, NEW_RULE);
    const sent = await scenario.settle();
    const rest = await alertOf(scenario, (await scenario.notification(STORY.storyId, 'sub_team'))!.alertIds[0]);

    expect(rest.severity).toBe('high');
    const slack = sent.find((n) => n.channel === 'slack');
    const email = sent.find((n) => n.channel === 'email');
    expect(slack?.channel === 'slack' && slack.message.text).toMatch(/^\[HIGH\] /);
    expect(JSON.stringify(slack)).toContain(`chipwatch alert ${rest.alertId}`);
    expect(email?.channel === 'email' && email.message.subject).toMatch(/^\[chipwatch\] HIGH: /);
    expect(email?.channel === 'email' && email.message.text).toContain(`chipwatch alert ${rest.alertId}`);
  });

  it('given an update queued before notifications named their first alert, then it is sent and recorded on its own alert, as it was', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_desk', channel: 'webhook' });
    await scenario.discover(STORY, MARKET);
    await scenario.settle();
    await scenario.edit({ ...STORY, summary: 'The Commerce Department added 140 Chinese firms to the Entity List.' }, NEW_RULE);
    await scenario.settle({ deliver: false });
    const [{ notificationAlertId, ...queuedBefore }] = scenario.queued.splice(0);

    expect(notificationAlertId).not.toBe(queuedBefore.alertId);
    expect(await scenario.delivery.deliver(queuedBefore)).toBe('delivered');
    const [raised, updated] = webhooks(scenario.sent);
    expect(updated?.alert).toMatchObject({ alertId: raised?.alert.alertId, updatedBy: { alertId: queuedBefore.alertId } });
    expect((await alertOf(scenario, queuedBefore.alertId)).deliveries).toEqual([
      expect.objectContaining({ kind: 'updated', status: 'delivered' }),
    ]);
    expect((await alertOf(scenario, notificationAlertId!)).deliveries.map((d) => d.kind)).toEqual(['raised']);
  });

  it('sends a test as alert.test, about no alert, and records nothing', async () => {
    await scenario.subscribe({ subscriptionId: 'sub_desk', channel: 'webhook' });
    const before = scenario.log.head;
    expect(await scenario.delivery.sendTest('sub_desk')).toMatchObject({ delivered: true, status: 204 });
    const [payload] = webhooks(scenario.sent);
    expect(payload).toMatchObject({
      type: 'alert.test',
      alert: { alertId: 'test', severity: 'info', raisedAt: '2025-06-02T10:00:00.000Z' },
    });
    expect(scenario.log.head).toBe(before);
  });
});
