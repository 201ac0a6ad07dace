import { inspectFeedText } from './feed-safety';
import { BILLION_LAUGHS } from './testing/feed-documents';

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
  return 'no error';
};

describe('inspectFeedText', () => {
  it('describes a feed', () => {
    const shape = inspectFeedText(
      '<?xml version="1.0"?><!-- hi --><rss version="2.0"><channel><item/><item><title>x</title></item></channel></rss>',
    );
    expect(shape).toEqual({ kind: 'xml', rootName: 'rss', feedRoot: true, itemCount: 2, depth: 4 });
  });

  it('recognises JSON', () => {
    expect(inspectFeedText('  {"version":"https://jsonfeed.org/version/1.1"}').kind).toBe('json');
  });

  it('refuses internal entity declarations (billion laughs, XXE)', () => {
    expect(reasonOf(() => inspectFeedText(BILLION_LAUGHS))).toBe('unsafe-xml');
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>';
    expect(reasonOf(() => inspectFeedText(xxe))).toBe('unsafe-xml');
  });

  it('accepts a DOCTYPE that only names an external DTD (RSS 0.91)', () => {
    const rss091 = `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>x</title></channel></rss>`;
    expect(inspectFeedText(rss091).rootName).toBe('rss');
  });

  it('ignores entity-like text inside CDATA and comments', () => {
    const text =
      '<rss><channel><item><description><![CDATA[<!ENTITY x "y"> <div><div><div>]]></description></item><!-- <!ENTITY --></channel></rss>';
    expect(inspectFeedText(text).depth).toBe(4);
  });

  it('refuses nesting past the limit', () => {
    const deep = `<rss>${'<a>'.repeat(300)}${'</a>'.repeat(300)}</rss>`;
    expect(reasonOf(() => inspectFeedText(deep))).toBe('too-complex');
    expect(inspectFeedText(deep, { maxDepth: 400 }).depth).toBe(301);
  });

  it('refuses 100k-deep nesting quickly, without recursion', () => {
    const deep = `<rss>${'<a>'.repeat(100_000)}`;
    const started = Date.now();
    expect(reasonOf(() => inspectFeedText(deep))).toBe('too-complex');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not count unclosed HTML tags in ill-formed descriptions as nesting', () => {
    const items = Array.from({ length: 400 }, (_, i) => `<item><description>line<br>more<p>para ${i}</description></item>`).join('');
    expect(inspectFeedText(`<rss><channel>${items}</channel></rss>`).depth).toBeLessThan(10);
  });

  it('skips `>` inside quoted attribute values', () => {
    expect(inspectFeedText('<feed><entry><link href="a>b" rel="x"/></entry></feed>').depth).toBe(2);
  });

  it('calls an HTML page not-a-feed', () => {
    expect(reasonOf(() => inspectFeedText('<!DOCTYPE html><html><head><title>x</title></head></html>'))).toBe('not-a-feed');
    expect(reasonOf(() => inspectFeedText('<html><body>hi</body></html>'))).toBe('not-a-feed');
    expect(reasonOf(() => inspectFeedText('<div>hi</div>', { contentType: 'text/html; charset=utf-8' }))).toBe('not-a-feed');
  });

  it('accepts a feed behind an XHTML doctype, and a feed served as text/html', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><rss><channel/></rss>';
    expect(inspectFeedText(text).feedRoot).toBe(true);
    expect(inspectFeedText('<rss><channel/></rss>', { contentType: 'text/html' }).feedRoot).toBe(true);
  });

  it('calls an empty body a parse-error', () => {
    expect(reasonOf(() => inspectFeedText(''))).toBe('parse-error');
    expect(reasonOf(() => inspectFeedText(' \n\t '))).toBe('parse-error');
    expect(reasonOf(() => inspectFeedText('<?xml version="1.0"?><!-- nothing -->'))).toBe('parse-error');
  });

  it('calls plain text not-a-feed', () => {
    expect(reasonOf(() => inspectFeedText('Service Unavailable'))).toBe('not-a-feed');
  });

  it('names the root of other XML', () => {
    expect(inspectFeedText('<opml version="2.0"><body/></opml>')).toMatchObject({ rootName: 'opml', feedRoot: false });
    expect(inspectFeedText('<rdf:RDF xmlns:rdf="x"><item/></rdf:RDF>')).toMatchObject({
      rootName: 'rdf:RDF',
      feedRoot: true,
      itemCount: 1,
    });
  });
});
