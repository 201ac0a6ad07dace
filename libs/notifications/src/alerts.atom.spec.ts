import Parser from 'rss-parser';
import { parseAtomFeed } from 'feedsmith';
import { ATOM_RULE_SCHEME, ATOM_SEVERITY_SCHEME, atomEntryId, renderAlertsAtom } from './alerts.atom';
import { alertNotice, updatedNotice } from './testing/alert-notice.fixture';

const input = () => ({
  feedUrl: 'https://chipwatch.example.org/alerts.atom',
  selfUrl: 'https://chipwatch.example.org/alerts.atom?severity=medium&limit=50',
  updated: new Date('2025-06-02T11:00:00Z'),
  alerts: [
    updatedNotice(),
    { ...alertNotice(), alert: { ...alertNotice().alert, alertId: 'second/id x', ruleIds: ['r1', 'r2'], ruleId: 'r1' } },
  ],
});

/** XML 1.0 `Char`: anything else makes the document ill-formed. */
// eslint-disable-next-line no-control-regex -- XML 1.0's Char production names tab, LF and CR
const XML_CHARS = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('renderAlertsAtom', () => {
  it('reads back with rss-parser', async () => {
    const xml = renderAlertsAtom(input());
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe('chipwatch alerts');
    expect(feed.feedUrl).toBe('https://chipwatch.example.org/alerts.atom?severity=medium&limit=50');
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first.title).toBe('EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China');
    expect(first.link).toBe('https://news.example.com/tech/2025/06/chips?id=42&ref=rss');
    expect(first.id).toBe('tag:chipwatch,2025:alert:a1b2c3d4e5f6a1b2c3d4e5f6');
    expect(first.isoDate).toBe('2025-06-02T10:05:00.000Z'); // rss-parser reads <published>
    expect(first.summary).toBe(
      'Severity: critical. Rules: nvidia-china, entity-list-critical. O Departamento de Comércio <BIS> publicou novas regras & licenças.',
    );
    expect(second.id).toBe(atomEntryId('second/id x'));
    expect(second.id).toBe('tag:chipwatch,2025:alert:second%2Fid%20x');
  });

  it('reads back with feedsmith, categories and dates included', () => {
    const feed = parseAtomFeed(renderAlertsAtom(input()));
    expect(feed.id).toBe('https://chipwatch.example.org/alerts.atom');
    expect(feed.updated).toBe('2025-06-02T11:00:00.000Z');
    expect(feed.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rel: 'self', href: 'https://chipwatch.example.org/alerts.atom?severity=medium&limit=50' }),
      ]),
    );
    expect(feed.authors?.[0]?.name).toBe('chipwatch');
    const entry = feed.entries![0];
    expect(entry.published).toBe('2025-06-02T10:05:00.000Z');
    expect(entry.updated).toBe('2025-06-02T11:00:00.000Z');
    expect(entry.links).toEqual([
      expect.objectContaining({ rel: 'alternate', href: 'https://news.example.com/tech/2025/06/chips?id=42&ref=rss' }),
    ]);
    expect(entry.categories).toEqual([
      { term: 'critical', scheme: ATOM_SEVERITY_SCHEME, label: 'severity: critical' },
      { term: 'nvidia-china', scheme: ATOM_RULE_SCHEME, label: 'rule: nvidia-china' },
      { term: 'entity-list-critical', scheme: ATOM_RULE_SCHEME, label: 'rule: entity-list-critical' },
    ]);
    // A raised alert's entry was updated when it was raised.
    expect(feed.entries![1].updated).toBe('2025-06-02T10:05:00.000Z');
  });

  it('is well-formed XML whatever the stories hold', async () => {
    const base = alertNotice();
    const hostile = {
      ...base,
      story: {
        ...base.story,
        title: 'bell\u0007 ]]> <![CDATA[ x ]]> &amp; \uFFFE \uD800 lone surrogate 😀',
        url: 'https://example.com/?a="b"&c=<d>',
        summary: '<!DOCTYPE x [<!ENTITY e "boom">]>&e;',
      },
      alert: { ...base.alert, ruleId: `r"'<&>`, ruleIds: [`r"'<&>`] },
    };
    const xml = renderAlertsAtom({ ...input(), alerts: [hostile] });
    expect(xml).toMatch(XML_CHARS);
    expect(xml).not.toContain('<![CDATA[');
    expect(xml).not.toContain('<!DOCTYPE');
    const feed = await new Parser().parseString(xml); // sax in strict mode: throws on ill-formed input
    expect(feed.items[0].title).toBe('bell ]]> <![CDATA[ x ]]> &amp;   lone surrogate 😀');
    expect(feed.items[0].link).toBe('https://example.com/?a="b"&c=<d>');
    const parsed = parseAtomFeed(xml);
    expect(parsed.entries![0].categories![1].term).toBe(`r"'<&>`);
  });

  it('keeps an empty feed valid', async () => {
    const xml = renderAlertsAtom({ ...input(), alerts: [], title: 'Alerts for <ops> & co' });
    const feed = await new Parser().parseString(xml);
    expect(feed.items).toEqual([]);
    expect(feed.title).toBe('Alerts for <ops> & co');
  });

  it('refuses dates it cannot write', () => {
    expect(() => renderAlertsAtom({ ...input(), updated: 'yesterday' })).toThrow(RangeError);
  });
});
