import { FeedPollError } from './feed-errors';
import { fromFeedsmith, fromRssParser, keepNewestItems, parseFeedInThread, ParsedItem } from './feed-parser';
import {
  ATOM,
  BARE_AMPERSAND,
  BILLION_LAUGHS,
  EMPTY_CHANNEL,
  HTML_PAGE,
  JSON_FEED_10,
  JSON_FEED_11,
  RDF,
  RSS_091_WITH_DTD,
  RSS_2,
  RSS_NO_VERSION,
  TRUNCATED_WITH_ITEMS,
  TRUNCATED_WITHOUT_ITEMS,
  UNCLOSED_CATEGORY,
  deeplyNested,
  rssWithItems,
} from './testing/feed-documents';

// These run the parsers on the test's thread (parseFeedInThread): the worker pool is covered by
// feed-poll.int-spec.ts.

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FeedPollError);
    return (error as FeedPollError).reason;
  }
  return 'no error';
}

describe('parseFeedInThread', () => {
  it('parses RSS 2.0 into raw items', async () => {
    const feed = await parseFeedInThread(RSS_2);
    expect(feed).toMatchObject({
      title: 'Chip Policy & Markets',
      link: 'https://news.example/',
      language: 'en-us',
      ttlMinutes: 60,
      format: 'rss',
      parser: 'rss-parser',
      droppedItems: 0,
    });
    expect(feed.items[0]).toEqual({
      guid: 'story-1',
      link: 'https://news.example/2025/06/ai-chips?utm_source=rss&utm_medium=feed',
      title: 'US tightens AI chip export rules',
      summary: '<p>The <b>Commerce Department</b> added new limits.</p>',
      contentHtml: '<p>Full text</p>',
      published: 'Mon, 02 Jun 2025 09:30:00 GMT',
      author: 'Jane Doe',
      categories: ['export controls', 'nvidia'],
    });
    expect(feed.items[1]).toMatchObject({ link: '/2025/06/h20', guid: 'https://news.example/2025/06/h20' });
  });

  it('parses Atom, turning an xhtml title object into text', async () => {
    const feed = await parseFeedInThread(ATOM);
    expect(feed).toMatchObject({ title: 'Halbleiter-Nachrichten', link: 'https://atom.example/', format: 'atom' });
    const [entry] = feed.items;
    expect(typeof entry.title).toBe('string');
    expect(entry.title).toContain('Exportkontrollen');
    expect(entry).toMatchObject({
      guid: 'urn:uuid:entry-1',
      link: 'https://atom.example/a/1',
      author: 'Max',
      published: '2025-06-02T08:00:00.000Z',
    });
    expect(entry.summary).toBe('<p>Die USA verschärfen die Regeln.</p>');
  });

  it('parses RDF (RSS 1.0)', async () => {
    const feed = await parseFeedInThread(RDF);
    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({
      title: 'RDF item',
      link: 'https://rdf.example/1',
      published: '2025-06-02T08:00:00Z',
      language: 'fr',
    });
  });

  it('parses RSS 0.91 behind an external DTD, and <rss> without a version', async () => {
    expect((await parseFeedInThread(RSS_091_WITH_DTD)).items[0].title).toBe('Old item');
    expect((await parseFeedInThread(RSS_NO_VERSION)).items[0].title).toBe('Item');
  });

  it('parses JSON Feed 1.1 and 1.0', async () => {
    const feed = await parseFeedInThread(JSON_FEED_11);
    expect(feed).toMatchObject({ title: 'JSON Chips', link: 'https://json.example/', language: 'es', format: 'json', parser: 'json' });
    expect(feed.items[0]).toEqual({
      guid: 'j1',
      link: 'https://json.example/1',
      title: 'Controles de exportación',
      summary: 'Resumen',
      contentHtml: '<p>Texto completo</p>',
      published: '2025-06-02T08:00:00Z',
      author: 'Ana',
      categories: ['chips'],
    });
    expect(feed.items[1]).toEqual({ guid: 'j2', contentHtml: 'Only text, no title or url', published: '2025-06-03T08:00:00Z' });
    expect((await parseFeedInThread(JSON_FEED_10)).items[0]).toMatchObject({ title: 'One', author: 'Old' });
  });

  it('is a successful empty poll for a well-formed feed without items', async () => {
    const feed = await parseFeedInThread(EMPTY_CHANNEL);
    expect(feed.items).toEqual([]);
    expect(feed.title).toBe('Quiet feed');
    const noChannel = await parseFeedInThread('<?xml version="1.0"?><rss version="2.0"></rss>');
    expect(noChannel.items).toEqual([]);
  });

  it('recovers items from ill-formed feeds through the fallbacks', async () => {
    const truncated = await parseFeedInThread(TRUNCATED_WITH_ITEMS);
    expect(truncated.parser).not.toBe('rss-parser');
    expect(truncated.items.map((i) => i.title).slice(0, 2)).toEqual(['First & whole', 'Second']);

    const ampersand = await parseFeedInThread(BARE_AMPERSAND);
    expect(ampersand.items[0].title).toBe('Profits & losses');

    const unclosed = await parseFeedInThread(UNCLOSED_CATEGORY);
    expect(unclosed.parser).toBe('tag-soup');
    expect(unclosed.items.map((i) => i.title)).toEqual(['Episode 1', 'Episode 2']);
    expect(unclosed.items[0]).toMatchObject({ link: 'https://pod.example/1', published: 'Wed, 15 Jun 2005 19:00:00 GMT' });
  });

  it.each([
    ['truncated XML without any item', TRUNCATED_WITHOUT_ITEMS, 'parse-error'],
    ['an empty body', '', 'parse-error'],
    ['broken JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [', 'parse-error'],
    ['an HTML page', HTML_PAGE, 'not-a-feed'],
    ['another XML vocabulary', '<?xml version="1.0"?><catalog><book id="1"><title>x</title></book></catalog>', 'not-a-feed'],
    ['JSON that is not a JSON Feed', '{"rss": {"channel": {}}}', 'not-a-feed'],
    ['billion laughs', BILLION_LAUGHS, 'unsafe-xml'],
    ['100k-deep nesting', deeplyNested(100_000), 'too-complex'],
  ])('fails %s with a reason', async (_name, text, reason) => {
    expect(await reasonOf(parseFeedInThread(text))).toBe(reason);
  });

  it('keeps the newest items past maxItems and counts the rest', async () => {
    const feed = await parseFeedInThread(rssWithItems(30), { maxItems: 10 });
    expect(feed.items).toHaveLength(10);
    expect(feed.droppedItems).toBe(20);
    expect(feed.items.map((i) => i.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Item ${20 + i}`));
  });
});

describe('parser output is untrusted', () => {
  it('coerces objects, arrays and numbers from rss-parser', () => {
    const feed = fromRssParser(
      {
        title: { _: 'Feed', $: { type: 'text' } },
        link: [{ $: { href: 'https://odd.example/' } }],
        ttl: ' 30 ',
        items: [
          {
            title: 12345,
            link: ['https://odd.example/1', 'https://odd.example/2'],
            guid: { _: 'g1', $: { isPermaLink: 'false' } },
            categories: [{ _: 'a' }, 'b', 7],
          },
          { title: { div: [{ _: ' there', b: ['Hi'] }] }, link: { $: { href: 'https://odd.example/3' } } },
          { title: null, link: {}, categories: 'not-an-array' },
          'not an item',
        ],
      },
      'rss',
    );
    expect(feed).toMatchObject({ title: 'Feed', link: 'https://odd.example/', ttlMinutes: 30 });
    expect(feed.items[0]).toEqual({ title: '12345', link: 'https://odd.example/1', guid: 'g1', categories: ['a', 'b', '7'] });
    expect(feed.items[1]).toEqual({ title: 'there Hi', link: 'https://odd.example/3' });
    expect(feed.items[2]).toEqual({ categories: ['not-an-array'] });
    expect(feed.items[3]).toEqual({});
  });

  it('survives garbage from feedsmith', () => {
    expect(fromFeedsmith(undefined).items).toEqual([]);
    expect(fromFeedsmith({ format: 'atom', feed: { entries: 'x', title: { value: 42 } } })).toMatchObject({ title: '42', items: [{}] });
    expect(
      fromFeedsmith({ format: 'rss', feed: { ttl: -5, items: [{ guid: { value: 'g' }, authors: [{ email: 'a@b' }] }] } }).items[0],
    ).toEqual({
      guid: 'g',
      author: 'a@b',
    });
  });
});

describe('keepNewestItems', () => {
  it('ranks dated items first, undated ones by document order, and keeps document order', () => {
    const items: ParsedItem[] = [
      { title: 'undated-1' },
      { title: 'old', published: '2020-01-01T00:00:00Z' },
      { title: 'new', published: '2025-01-01T00:00:00Z' },
      { title: 'undated-2' },
    ];
    expect(keepNewestItems(items, 3).items.map((i) => i.title)).toEqual(['undated-1', 'old', 'new']);
    expect(keepNewestItems(items, 2)).toEqual({ items: [items[1], items[2]], dropped: 2 });
    expect(keepNewestItems(items, 10).dropped).toBe(0);
  });
});
