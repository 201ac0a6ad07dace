import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as iconv from 'iconv-lite';
import { charsetFromContentType, charsetFromXmlProlog, decodeFeedBytes, normaliseCharsetLabel } from './feed-decoder';
import { FeedPollError } from './feed-errors';

const fixtures = join(__dirname, '../../../test/fixtures/feeds');
const fixture = (name: string) => readFileSync(join(fixtures, name));
const titleOf = (text: string) => /<title>([^<]*)<\/title>/.exec(text)?.[1];

/** What `run` throws, or undefined when it returns. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decodeFeedBytes on encoding fixtures', () => {
  it.each([
    ['windows-1252.rss', undefined, 'windows-1252', 'prolog', 'Mercado “Tecnologia” – €'],
    ['miniflux-windows-1252.xml', undefined, 'windows-1252', 'prolog', 'Euro €'],
    ['miniflux-iso-8859-1.xml', undefined, 'windows-1252', 'prolog', 'Café'],
    ['iso-8859-1-http-only.rss', 'application/rss+xml; charset=ISO-8859-1', 'windows-1252', 'http', 'Notícias de São Paulo'],
    ['miniflux-koi8r.xml', undefined, 'koi8-r', 'prolog', 'Пример RSS ленты'],
    ['rsparser-gb2312-kc0011.rss', undefined, 'gbk', 'prolog', '投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文'],
    ['shift_jis.rss', undefined, 'shift_jis', 'prolog', '半導体ニュース'],
    ['utf-8-bom.rss', undefined, 'utf-8', 'bom', 'Exportkontrollen für Halbleiter'],
    ['utf-16le-bom.atom', undefined, 'utf-16le', 'bom', '美国出口管制'],
    ['utf-16be-no-bom.rss', undefined, 'utf-16be', 'sniff', '출처: 반도체 뉴스'],
    // UTF-8 under a stale ISO-8859-1 prolog: the bytes win
    ['miniflux-utf8-incorrect-prolog.xml', undefined, 'utf-8', 'utf-8', '테스트 피드'],
  ])('%s', (name, contentType, charset, source, title) => {
    const decoded = decodeFeedBytes(fixture(name), { contentType });
    expect(decoded.charset).toBe(charset);
    expect(decoded.charsetSource).toBe(source);
    expect(titleOf(decoded.text)).toBe(title);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('decodes windows-1252 item titles exactly (curly quotes, dashes, euro)', () => {
    const { text } = decodeFeedBytes(fixture('windows-1252.rss'));
    expect(text).toContain('EUA endurecem regras: ‘chips’ de IA — Nvidia perde €5 bi');
    expect(text).toContain('Exportações… “proibidas”');
  });

  it('reads UTF-32 without BOM by its byte pattern', () => {
    const decoded = decodeFeedBytes(fixture('feedparser-utf-32le-autodetect.xml'));
    expect(decoded.charset).toBe('utf-32le');
    expect(decoded.text.startsWith('<?xml')).toBe(true);
  });
});

describe('decodeFeedBytes order and fallbacks', () => {
  const doc = (decl: string, title: string) =>
    `<?xml version="1.0"${decl}?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;

  it('lets the HTTP charset override the prolog', () => {
    const bytes = iconv.encode(doc(' encoding="utf-8"', 'Ação'), 'windows-1252');
    const decoded = decodeFeedBytes(bytes, { contentType: 'text/xml; charset="windows-1252"' });
    expect(titleOf(decoded.text)).toBe('Ação');
    expect(decoded.charsetSource).toBe('http');
  });

  it('lets the BOM override everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(' encoding="iso-8859-1"', 'Ação'), 'utf8')]);
    const decoded = decodeFeedBytes(bytes, { contentType: 'text/xml; charset=koi8-r' });
    expect(decoded).toMatchObject({ charset: 'utf-8', charsetSource: 'bom' });
    expect(titleOf(decoded.text)).toBe('Ação');
  });

  it('falls back to windows-1252 when strict UTF-8 fails and nothing is declared', () => {
    const bytes = iconv.encode(doc('', '“Chips” – €'), 'windows-1252');
    const decoded = decodeFeedBytes(bytes);
    expect(decoded).toMatchObject({ charset: 'windows-1252', charsetSource: 'fallback' });
    expect(titleOf(decoded.text)).toBe('“Chips” – €');
  });

  it('passes over an unknown label instead of failing', () => {
    const decoded = decodeFeedBytes(Buffer.from(doc(' encoding="bogus"', 'Ação'), 'utf8'), { contentType: 'text/xml; charset=x-nonsense' });
    expect(titleOf(decoded.text)).toBe('Ação');
    const latin = decodeFeedBytes(iconv.encode(doc(' encoding="bogus"', 'Ação'), 'latin1'));
    expect(titleOf(latin.text)).toBe('Ação');
  });

  it('inflates a gzip body that came without Content-Encoding', () => {
    const decoded = decodeFeedBytes(gzipSync(Buffer.from(doc('', 'zipped'))));
    expect(titleOf(decoded.text)).toBe('zipped');
  });

  it('refuses a gzip body that inflates past the cap', () => {
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(thrownBy(() => decodeFeedBytes(bomb, { maxBytes: 1024 * 1024 }))).toMatchObject({ reason: 'too-large' });
  });

  it('refuses binary data with `decode`', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200)]);
    expect(() => decodeFeedBytes(png)).toThrow(FeedPollError);
    expect(thrownBy(() => decodeFeedBytes(png))).toMatchObject({ reason: 'decode' });
  });

  it('drops a stray NUL rather than failing', () => {
    const decoded = decodeFeedBytes(Buffer.from(`${doc('', 'a\u0000b')}${' '.repeat(200)}`));
    expect(titleOf(decoded.text)).toBe('ab');
  });

  it('decodes an empty body to an empty text', () => {
    expect(decodeFeedBytes(new Uint8Array()).text).toBe('');
  });
});

describe('charset labels', () => {
  it('reads Content-Type charsets', () => {
    expect(charsetFromContentType('application/rss+xml; charset=UTF-8')).toBe('utf-8');
    expect(charsetFromContentType('text/xml;charset="ISO-8859-1"')).toBe('windows-1252');
    expect(charsetFromContentType('text/xml; foo=bar; charset=Shift_JIS')).toBe('shift_jis');
    expect(charsetFromContentType('text/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });

  it('reads the XML prolog', () => {
    expect(charsetFromXmlProlog(Buffer.from(`<?xml version='1.0' encoding='KOI8-R'?><rss/>`))).toBe('koi8-r');
    expect(charsetFromXmlProlog(Buffer.from(`\n  <?xml version="1.0" encoding="gb2312"?>`))).toBe('gbk');
    expect(charsetFromXmlProlog(Buffer.from('<rss encoding="utf-8"/>'))).toBeUndefined();
  });

  it('maps the latin1 family to windows-1252, as browsers do', () => {
    for (const label of ['ISO-8859-1', 'latin1', 'US-ASCII', 'cp1252', 'Windows-1252']) {
      expect(normaliseCharsetLabel(label)).toBe('windows-1252');
    }
  });
});
