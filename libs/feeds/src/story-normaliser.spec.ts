import { createHash } from 'node:crypto';
import { ParsedFeed, ParsedItem } from './feed-parser';
import { deriveStoryId, normaliseStories, storyIdFromUrl, SUMMARY_MAX_LENGTH } from './story-normaliser';

const now = new Date('2025-06-10T12:00:00Z');
const context = { feedId: 'feed-a', feedUrl: 'https://news.example/feeds/rss.xml', now };
const feedOf = (items: ParsedItem[], extra: Partial<ParsedFeed> = {}): ParsedFeed => ({
  title: 'Feed',
  items,
  format: 'rss',
  parser: 'rss-parser',
  droppedItems: 0,
  ...extra,
});

describe('deriveStoryId', () => {
  it('is the first 24 hex characters of sha256(canonical URL)', () => {
    const url = 'https://news.example/a';
    const expected = createHash('sha256').update(url).digest('hex').slice(0, 24);
    expect(storyIdFromUrl(url)).toBe(expected);
    expect(deriveStoryId({ feedId: 'f', url, guid: 'g', title: 't' })).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{24}$/);
  });

  it('does not depend on the feed when there is a URL', () => {
    expect(deriveStoryId({ feedId: 'a', url: 'https://x.example/1' })).toBe(deriveStoryId({ feedId: 'b', url: 'https://x.example/1' }));
  });

  it('falls back to feed id + GUID, then feed id + title + date', () => {
    const byGuid = deriveStoryId({ feedId: 'a', guid: 'g1', title: 'T' });
    expect(byGuid).toBe(deriveStoryId({ feedId: 'a', guid: 'g1', title: 'changed title' }));
    expect(byGuid).not.toBe(deriveStoryId({ feedId: 'b', guid: 'g1' }));
    const byTitle = deriveStoryId({ feedId: 'a', title: 'T', published: 'Mon, 02 Jun 2025' });
    expect(byTitle).not.toBe(deriveStoryId({ feedId: 'a', title: 'T', published: 'Tue, 03 Jun 2025' }));
    expect(byTitle).not.toBe(byGuid);
  });
});

describe('normaliseStories', () => {
  it('produces the StoryDiscovered payload', () => {
    const { stories } = normaliseStories(
      feedOf(
        [
          {
            guid: 'story-1',
            link: 'https://news.example/2025/06/ai-chips?utm_source=rss',
            title: ' US &amp; China:  <b>chip</b> rules ',
            summary: '<p>The <b>Commerce Department</b> added new limits.</p>',
            published: 'Mon, 02 Jun 2025 09:30:00 GMT',
          },
        ],
        { language: 'en-us' },
      ),
      context,
    );
    expect(stories).toEqual([
      {
        storyId: storyIdFromUrl('https://news.example/2025/06/ai-chips'),
        feedId: 'feed-a',
        guid: 'story-1',
        url: 'https://news.example/2025/06/ai-chips',
        title: 'US & China: chip rules',
        summary: 'The Commerce Department added new limits.',
        language: 'en',
        publishedAt: '2025-06-02T09:30:00.000Z',
      },
    ]);
  });

  it('resolves relative links against the feed link, then the feed URL', () => {
    const withSiteLink = normaliseStories(feedOf([{ link: 'story.html', title: 'a' }], { link: 'https://site.example/blog/' }), context);
    expect(withSiteLink.stories[0].url).toBe('https://site.example/blog/story.html');
    const withoutSiteLink = normaliseStories(feedOf([{ link: '/2025/x', title: 'a' }]), context);
    expect(withoutSiteLink.stories[0].url).toBe('https://news.example/2025/x');
  });

  it('takes an http(s) GUID as the permalink when there is no link', () => {
    const { stories } = normaliseStories(feedOf([{ guid: 'https://news.example/p/1#x', title: 'a' }]), context);
    expect(stories[0]).toMatchObject({ url: 'https://news.example/p/1', guid: 'https://news.example/p/1#x' });
  });

  it('keeps the id when only the headline changes', () => {
    const before = normaliseStories(feedOf([{ link: 'https://news.example/1', title: 'Old headline' }]), context);
    const after = normaliseStories(feedOf([{ link: 'https://news.example/1', title: 'New headline' }]), context);
    expect(after.stories[0].storyId).toBe(before.stories[0].storyId);
    const guidOnly = (title: string) => normaliseStories(feedOf([{ guid: 'urn:1', title }]), context).stories[0].storyId;
    expect(guidOnly('Old')).toBe(guidOnly('New'));
  });

  it('does not collapse different items that repeat one GUID', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      guid: 'same-guid',
      title: `Story ${i}`,
      published: `2025-06-0${(i % 9) + 1}T00:00:00Z`,
    }));
    const { stories, duplicateItems } = normaliseStories(feedOf(items), context);
    expect(stories).toHaveLength(10);
    expect(new Set(stories.map((s) => s.storyId)).size).toBe(10);
    expect(duplicateItems).toBe(0);
  });

  it('prefers the link when items repeat one GUID but link to different pages', () => {
    const { stories } = normaliseStories(
      feedOf([
        { guid: 'same', link: 'https://news.example/1', title: 'A' },
        { guid: 'same', link: 'https://news.example/2', title: 'B' },
      ]),
      context,
    );
    expect(stories.map((s) => s.storyId)).toEqual([storyIdFromUrl('https://news.example/1'), storyIdFromUrl('https://news.example/2')]);
  });

  it('keeps the primary id for the oldest of items that share a link', () => {
    const { stories } = normaliseStories(
      feedOf([
        { guid: 'new', link: 'https://news.example/', title: 'Newer', published: '2025-06-05T00:00:00Z' },
        { guid: 'old', link: 'https://news.example/', title: 'Older', published: '2025-06-01T00:00:00Z' },
      ]),
      context,
    );
    expect(stories).toHaveLength(2);
    expect(stories.find((s) => s.title === 'Older')!.storyId).toBe(storyIdFromUrl('https://news.example/'));
    expect(stories.find((s) => s.title === 'Newer')!.storyId).not.toBe(storyIdFromUrl('https://news.example/'));
  });

  it('keeps one of items listed twice, and counts the other', () => {
    const item = { guid: 'g', link: 'https://news.example/1', title: 'Same' };
    const { stories, duplicateItems } = normaliseStories(feedOf([item, { ...item }]), context);
    expect(stories).toHaveLength(1);
    expect(duplicateItems).toBe(1);
  });

  it('uses first-seen time for undated items and the summary for a missing title', () => {
    const { stories } = normaliseStories(feedOf([{ summary: `<p>${'Long summary text '.repeat(20)}</p>` }]), context);
    expect(stories[0].publishedAt).toBe(now.toISOString());
    expect(stories[0].title.length).toBeLessThanOrEqual(140);
    expect(stories[0].title.startsWith('Long summary text')).toBe(true);
    expect(stories[0]).toMatchObject({ guid: null, url: null });
  });

  it('caps the summary and falls back to the content', () => {
    const { stories } = normaliseStories(feedOf([{ title: 't', contentHtml: `<p>${'x '.repeat(5000)}</p>` }]), context);
    expect(stories[0].summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(stories[0].summary.startsWith('x x')).toBe(true);
  });

  it('takes the language from item, feed, hint, then detection', () => {
    const text = 'Os controles de exportação dos Estados Unidos atrasam o novo modelo de inteligência artificial';
    const items: ParsedItem[] = [
      { title: text, language: 'es', link: 'https://l.example/1' },
      { title: text, link: 'https://l.example/2' },
    ];
    expect(normaliseStories(feedOf(items, { language: 'fr' }), context).stories.map((s) => s.language)).toEqual(['es', 'fr']);
    expect(normaliseStories(feedOf(items), { ...context, languageHint: 'de' }).stories[1].language).toBe('de');
    expect(normaliseStories(feedOf(items), context).stories[1].language).toBe('pt');
  });

  it('detects one language for the items that name none, from several of them', () => {
    const items: ParsedItem[] = [
      { title: 'Nvidia H20', summary: 'As vendas do chip para a China foram suspensas', link: 'https://l.example/1' },
      { title: 'Exportações', summary: 'O governo americano amplia as restrições', link: 'https://l.example/2' },
      { title: 'Rules', language: 'en', link: 'https://l.example/3' },
      { title: 'Huawei', link: 'https://l.example/4' },
    ];
    // "Huawei" alone tells nothing; it takes the language of the feed's other items.
    expect(normaliseStories(feedOf(items), context).stories.map((s) => s.language)).toEqual(['pt', 'pt', 'en', 'pt']);
    expect(normaliseStories(feedOf([{ title: 'Item 1' }, { title: 'Item 2' }]), context).stories.map((s) => s.language)).toEqual([
      'und',
      'und',
    ]);
  });

  it('reads no clock: the same input gives the same output', () => {
    const feed = feedOf([{ title: 'undated', guid: 'g' }]);
    expect(normaliseStories(feed, context)).toEqual(normaliseStories(feed, context));
  });
});
