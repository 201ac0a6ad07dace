import { canonicalUrl, isHttpUrl } from './canonical-url';

describe('canonicalUrl', () => {
  it.each([
    [
      'drops utm_* parameters, fbclid and gclid',
      'https://news.example/a?utm_source=rss&utm_Medium=x&id=7&fbclid=abc&gclid=1',
      'https://news.example/a?id=7',
    ],
    ['drops the fragment', 'https://news.example/a#comments', 'https://news.example/a'],
    ['lower-cases the host and scheme', 'HTTPS://News.EXAMPLE/Path/Case', 'https://news.example/Path/Case'],
    ['drops default ports', 'http://news.example:80/a', 'http://news.example/a'],
    ['drops the https default port', 'https://news.example:443/a', 'https://news.example/a'],
    ['keeps other ports', 'https://news.example:8443/a', 'https://news.example:8443/a'],
    ['sorts the remaining parameters by name', 'https://news.example/a?b=2&a=1&c=3', 'https://news.example/a?a=1&b=2&c=3'],
    ['keeps repeated parameters in their order', 'https://news.example/a?tag=z&id=1&tag=a', 'https://news.example/a?id=1&tag=z&tag=a'],
    ['keeps values byte for byte', 'https://news.example/s?q=a%20b+c&x=%7E', 'https://news.example/s?q=a%20b+c&x=%7E'],
    ['removes an emptied query entirely', 'https://news.example/a?utm_source=rss', 'https://news.example/a'],
    ['drops credentials', 'https://user:pw@news.example/a', 'https://news.example/a'],
    ['keeps the trailing slash', 'https://news.example/a/', 'https://news.example/a/'],
    ['resolves dot segments', 'https://news.example/a/../b/./c', 'https://news.example/b/c'],
    ['punycodes an IDN host', 'https://bücher.example/x', 'https://xn--bcher-kva.example/x'],
    ['trims whitespace around the link', '  https://news.example/a \n', 'https://news.example/a'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('resolves relative links against a base', () => {
    expect(canonicalUrl('/2025/06/story?utm_campaign=x', 'https://news.example/feeds/rss.xml')).toBe('https://news.example/2025/06/story');
    expect(canonicalUrl('story.html', 'https://news.example/feeds/rss.xml')).toBe('https://news.example/feeds/story.html');
    expect(canonicalUrl('//cdn.example/x', 'https://news.example/')).toBe('https://cdn.example/x');
  });

  it('gives undefined for what is not an http(s) URL', () => {
    expect(canonicalUrl(undefined)).toBeUndefined();
    expect(canonicalUrl('')).toBeUndefined();
    expect(canonicalUrl('urn:uuid:1234')).toBeUndefined();
    expect(canonicalUrl('mailto:a@b.example')).toBeUndefined();
    expect(canonicalUrl('javascript:alert(1)', 'https://news.example/')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
    expect(canonicalUrl('/relative/without/base')).toBeUndefined();
  });

  it('maps two spellings of one article to one URL', () => {
    const a = canonicalUrl('https://News.example:443/a?id=1&utm_source=twitter#top');
    const b = canonicalUrl('https://news.example/a?utm_medium=rss&id=1');
    expect(a).toBe(b);
  });
});

describe('isHttpUrl', () => {
  it('recognises absolute http(s) URLs only', () => {
    expect(isHttpUrl('https://news.example/1')).toBe(true);
    expect(isHttpUrl('http://news.example')).toBe(true);
    expect(isHttpUrl('tag:news.example,2025:1')).toBe(false);
    expect(isHttpUrl('1234')).toBe(false);
    expect(isHttpUrl(undefined)).toBe(false);
  });
});
