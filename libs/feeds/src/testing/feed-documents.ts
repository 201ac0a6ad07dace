// Feed documents shared by the specs and the integration tests: each one a case the pipeline must
// handle, written out so a reader sees exactly what the server sends.

export const RSS_2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Chip Policy &amp; Markets</title>
  <link>https://news.example/</link>
  <language>en-us</language>
  <ttl>60</ttl>
  <item>
    <title>US tightens AI chip export rules</title>
    <link>https://news.example/2025/06/ai-chips?utm_source=rss&amp;utm_medium=feed</link>
    <guid isPermaLink="false">story-1</guid>
    <pubDate>Mon, 02 Jun 2025 09:30:00 GMT</pubDate>
    <description>&lt;p&gt;The &lt;b&gt;Commerce Department&lt;/b&gt; added new limits.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full text</p>]]></content:encoded>
    <dc:creator>Jane Doe</dc:creator>
    <category>export controls</category>
    <category domain="x">nvidia</category>
  </item>
  <item>
    <title>Nvidia H20 sales to China halted</title>
    <link>/2025/06/h20</link>
    <guid>https://news.example/2025/06/h20</guid>
    <pubDate>Tue, 03 Jun 2025 10:00:00 +0200</pubDate>
    <description>Plain text summary.</description>
  </item>
</channel>
</rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <title type="text">Halbleiter-Nachrichten</title>
  <link rel="alternate" href="https://atom.example/"/>
  <link rel="self" href="https://atom.example/feed.xml"/>
  <id>urn:uuid:feed</id>
  <updated>2025-06-03T00:00:00Z</updated>
  <entry>
    <id>urn:uuid:entry-1</id>
    <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Neue <b>Exportkontrollen</b></div></title>
    <link rel="alternate" href="https://atom.example/a/1"/>
    <published>2025-06-02T08:00:00Z</published>
    <updated>2025-06-02T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;Die USA verschärfen die Regeln.&lt;/p&gt;</summary>
    <author><name>Max</name></author>
  </entry>
</feed>`;

export const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/"><title>RDF News</title><link>https://rdf.example/</link><description>d</description></channel>
  <item rdf:about="https://rdf.example/1"><title>RDF item</title><link>https://rdf.example/1</link><dc:date>2025-06-02T08:00:00Z</dc:date><dc:language>fr</dc:language></item>
</rdf:RDF>`;

export const RSS_091_WITH_DTD = `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old feed</title><link>https://old.example/</link><description>d</description><language>en</language>
<item><title>Old item</title><link>https://old.example/1</link></item></channel></rss>`;

export const RSS_NO_VERSION = `<rss><channel><title>No version</title><item><title>Item</title><link>https://nov.example/1</link></item></channel></rss>`;

export const EMPTY_CHANNEL = `<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet feed</title><link>https://quiet.example/</link><description>d</description></channel></rss>`;

/** Cut off mid-document, after two whole items: a lenient parser recovers them. */
export const TRUNCATED_WITH_ITEMS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut</title>
<item><title>First &amp; whole</title><link>https://cut.example/1</link></item>
<item><title>Second</title><link>https://cut.example/2</link></item>
<item><title>Thi`;

export const TRUNCATED_WITHOUT_ITEMS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Cut before any item</title><descrip`;

/** A bare `&` makes strict XML parsers throw; the items are still there. */
export const BARE_AMPERSAND = `<rss version="2.0"><channel><title>Fish & Chips</title>
<item><title>Profits & losses</title><link>https://amp.example/1?a=1&b=2</link></item></channel></rss>`;

/** An unclosed element swallows the items in tree-building parsers: only the tag-soup scan finds them. */
export const UNCLOSED_CATEGORY = `<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>Podcast</title><itunes:category text="Technology">
<item><title>Episode 1</title><link>https://pod.example/1</link><pubDate>Wed, 15 Jun 2005 19:00:00 GMT</pubDate></item>
<item><title>Episode 2</title><link>https://pod.example/2</link></item>
</channel></rss>`;

export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title><item><title>&lol4;</title></item></channel></rss>`;

export const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>Page moved</title></head><body><p>This is not a feed.</p></body></html>`;

export const JSON_FEED_11 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Chips',
  home_page_url: 'https://json.example/',
  language: 'es',
  items: [
    {
      id: 'j1',
      url: 'https://json.example/1',
      title: 'Controles de exportación',
      content_html: '<p>Texto completo</p>',
      summary: 'Resumen',
      date_published: '2025-06-02T08:00:00Z',
      authors: [{ name: 'Ana' }],
      tags: ['chips'],
    },
    { id: 'j2', content_text: 'Only text, no title or url', date_modified: '2025-06-03T08:00:00Z' },
  ],
});

export const JSON_FEED_10 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1',
  title: 'JSON 1.0',
  items: [{ id: '1', url: 'https://json10.example/1', title: 'One', author: { name: 'Old' } }],
});

/** Elements nested `depth` levels inside an RSS root. */
export function deeplyNested(depth: number): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</channel></rss>`;
}

/** An RSS document with `count` items, item i published i hours after 2025-01-01. */
export function rssWithItems(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Item ${i}</title><link>https://many.example/${i}</link><pubDate>${new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toUTCString()}</pubDate></item>`,
  ).join('');
  return `<rss version="2.0"><channel><title>Many</title>${items}</channel></rss>`;
}
