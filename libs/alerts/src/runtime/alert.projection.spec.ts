import type { Recorded } from '@chipwatch/event-store';
import type { AlertRaised, AlertStreamEvent } from '../alert.events';
import type { NotificationDelivered, NotificationFailed } from '../notification.events';
import { evolveAlert, upgradeAlertView, type AlertView } from './alert.projection';

let position = 0;
function recorded(event: AlertStreamEvent, recordedAt: string): Recorded<AlertStreamEvent> {
  position++;
  const base = { id: `e${position}`, position, streamId: 'alert-a1', streamVersion: position, metadata: {}, recordedAt };
  switch (event.type) {
    case 'AlertRaised':
      return { ...base, type: event.type, data: event.data };
    case 'AlertClusterGrew':
      return { ...base, type: event.type, data: event.data };
    case 'NotificationDelivered':
      return { ...base, type: event.type, data: event.data };
    case 'NotificationFailed':
      return { ...base, type: event.type, data: event.data };
  }
}

const RAISED: AlertRaised = {
  type: 'AlertRaised',
  data: {
    alertId: 'a1',
    ruleId: 'export-controls-any',
    ruleHash: 'h1',
    severity: 'medium',
    storyId: 's1',
    clusterId: 's1',
    title: 'Nvidia shares fall as US export controls on AI chips to China weigh on outlook',
    url: 'https://news.example.com/nvidia-shares',
    feedId: 'cnbc-tech',
    score: 0.95,
    subtopics: ['market-reaction'],
    evidence: [],
    reasons: [],
    throttleWindow: null,
    windowStart: null,
  },
};

const delivery = { alertId: 'a1', subscriptionId: 'sub_desk', attempt: 1 };
const UPDATE_DELIVERED: NotificationDelivered = {
  type: 'NotificationDelivered',
  data: {
    ...delivery,
    notificationId: 'ntf_1',
    kind: 'updated',
    status: 204,
    ms: 3,
    severity: 'high',
    updatedBy: { alertId: 'a2', ruleId: 'new-restrictions', severity: 'high' },
    updatedAt: '2025-06-02T11:00:00.000Z',
  },
};

function fold(...events: Recorded<AlertStreamEvent>[]): AlertView {
  const view = events.reduce<AlertView | undefined>(evolveAlert, undefined);
  if (!view) throw new Error('no alert');
  return view;
}

describe('evolveAlert', () => {
  it('given a raised alert, then its severity is its rule’s, kept as ruleSeverity too', () => {
    expect(fold(recorded(RAISED, '2025-06-02T10:00:00.000Z'))).toMatchObject({
      severity: 'medium',
      ruleSeverity: 'medium',
      updatedAt: null,
      updatedBy: null,
    });
  });

  it('given an alert.updated delivered naming the alert, then the alert shows the severity told, and what raised it', () => {
    const view = fold(recorded(RAISED, '2025-06-02T10:00:00.000Z'), recorded(UPDATE_DELIVERED, '2025-06-02T11:00:01.000Z'));
    expect(view).toMatchObject({
      severity: 'high',
      ruleSeverity: 'medium',
      updatedAt: '2025-06-02T11:00:00.000Z',
      updatedBy: { alertId: 'a2', ruleId: 'new-restrictions', severity: 'high' },
    });
    expect(view.deliveries).toEqual([
      expect.objectContaining({ notificationId: 'ntf_1', kind: 'updated', severity: 'high', status: 'delivered' }),
    ]);
  });

  it('given an update that failed, then nobody was told: the severity stays the rule’s', () => {
    const failed: NotificationFailed = {
      type: 'NotificationFailed',
      data: {
        ...delivery,
        notificationId: 'ntf_1',
        kind: 'updated',
        code: 'http-5xx',
        error: '503',
        final: false,
        severity: 'high',
        updatedBy: UPDATE_DELIVERED.data.updatedBy,
      },
    };
    const view = fold(recorded(RAISED, '2025-06-02T10:00:00.000Z'), recorded(failed, '2025-06-02T11:00:01.000Z'));
    expect(view).toMatchObject({ severity: 'medium', updatedBy: null });
    expect(view.deliveries[0]).toMatchObject({ kind: 'updated', severity: 'high', status: 'pending' });
  });

  it('given a document stored before ruleSeverity existed, then it reads in today’s shape', () => {
    const { ruleSeverity: _r, updatedAt: _u, updatedBy: _b, ...stored } = fold(recorded(RAISED, '2025-06-02T10:00:00.000Z'));
    const old = {
      ...stored,
      deliveries: [storedDelivery('ntf_0'), storedDelivery('ntf_abc_1')],
    };
    expect(upgradeAlertView(JSON.parse(JSON.stringify(old)) as AlertView)).toMatchObject({
      severity: 'medium',
      ruleSeverity: 'medium',
      updatedAt: null,
      updatedBy: null,
      deliveries: [
        { notificationId: 'ntf_0', kind: 'raised', severity: null },
        { notificationId: 'ntf_abc_1', kind: 'updated', severity: null },
      ],
    });
  });
});

/** A delivery entry as documents stored it before `kind` and `severity` existed. */
function storedDelivery(notificationId: string) {
  return {
    subscriptionId: 'sub_desk',
    notificationId,
    status: 'delivered',
    attempts: 1,
    lastAttemptAt: 'x',
    lastStatus: 204,
    lastError: null,
    nextAttemptAt: null,
  };
}
