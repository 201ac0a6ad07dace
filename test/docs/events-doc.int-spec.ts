import { readFileSync } from 'node:fs';
import { ALERT_EVENT_TYPES, NOTIFICATION_EVENT_TYPES, RULESET_EVENT_TYPES } from '@chipwatch/alerts';
import { FEED_EVENT_TYPES } from '@chipwatch/feeds';
import { SUBSCRIPTION_EVENT_TYPES } from '@chipwatch/notifications';
import { STORY_EVENT_TYPES } from '@chipwatch/stories';
import { collectEvents, EVENTS_DOC, renderEventsDoc } from '../../scripts/events-doc';

describe('docs/events.md', () => {
  const files = collectEvents();

  it('is what the event types say (regenerate with npm run docs:events)', () => {
    expect(readFileSync(EVENTS_DOC, 'utf8')).toBe(renderEventsDoc(files));
  });

  it('lists exactly the event types the libs export as values (REST filters, subscriptions)', () => {
    const documented = files.flatMap((file) => file.events.map((event) => event.type)).sort();
    const exported = [
      ...FEED_EVENT_TYPES,
      ...STORY_EVENT_TYPES,
      ...ALERT_EVENT_TYPES,
      ...NOTIFICATION_EVENT_TYPES,
      ...RULESET_EVENT_TYPES,
      ...SUBSCRIPTION_EVENT_TYPES,
    ].sort();
    expect(documented).toEqual(exported);
  });

  it('gives every event its fields', () => {
    for (const event of files.flatMap((file) => file.events)) expect(event.fields.length).toBeGreaterThan(0);
  });
});
