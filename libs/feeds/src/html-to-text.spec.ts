import { demoronize, foldWhitespace, htmlToPlainText, truncateText } from './html-to-text';

describe('htmlToPlainText', () => {
  it('drops tags and decodes entities', () => {
    expect(htmlToPlainText('<p>Nvidia &amp; AMD: <b>new</b> rules&nbsp;for&#160;China &#8220;now&#8221;</p>')).toBe(
      'Nvidia & AMD: new rules for China “now”',
    );
  });

  it('folds whitespace, including between blocks', () => {
    expect(htmlToPlainText('<h1>Title</h1>\n\n<p>First   para.</p><p>Second\tpara.</p><ul><li>a</li><li>b</li></ul>')).toBe(
      'Title First para. Second para. a b',
    );
  });

  it('drops images, scripts, styles and link targets', () => {
    expect(
      htmlToPlainText('<img src="x.png" alt="pic"><script>alert(1)</script><style>p{}</style><a href="https://x.example">read more</a>'),
    ).toBe('read more');
  });

  it('leaves plain text alone apart from whitespace', () => {
    expect(htmlToPlainText('  a < b and c > d \n e ')).toBe('a < b and c > d e');
    expect(htmlToPlainText('AT&T wins')).toBe('AT&T wins');
  });

  it('maps C1 control characters to the windows-1252 characters meant', () => {
    expect(htmlToPlainText('don\u0092t \u0093quote\u0094 \u0080')).toBe('don’t “quote” €');
    expect(demoronize('\u0096')).toBe('–');
  });

  it('copes with broken markup', () => {
    expect(htmlToPlainText('<p>unclosed <b>bold <i>text')).toBe('unclosed bold text');
    expect(htmlToPlainText('<div><p>x</div></span>y')).toBe('x y');
  });

  it('caps the length at a word boundary with an ellipsis', () => {
    const text = htmlToPlainText(`<p>${'word '.repeat(1000)}</p>`, 2000);
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('word…')).toBe(true);
  });

  it('separates the words of adjacent block elements (definition lists, table cells)', () => {
    expect(htmlToPlainText('<dl><dt>Time</dt><dd>2019-07-31 12:26</dd><dt>Depth</dt><dd>29 km</dd></dl>')).toBe(
      'Time 2019-07-31 12:26 Depth 29 km',
    );
    expect(htmlToPlainText('<table><tr><th>Field</th><th>v1</th></tr><tr><td>Clicks</td><td>12</td></tr></table>')).toBe(
      'Field v1 Clicks 12',
    );
  });

  it('reads a long article only as far as it needs, with the result of a full read', () => {
    // Entities and tags straddle the 2,048-character slices the text is read in.
    const article = `<div>${Array.from({ length: 400 }, (_, i) => `<p>Para&nbsp;${i} &amp; <b>more</b> text</p>`).join('\n')}</div>`;
    const full = htmlToPlainText(article);
    expect(full.length).toBeGreaterThan(2000);
    expect(htmlToPlainText(article, 2000)).toBe(truncateText(full, 2000));
    // Mostly whitespace at first: still reads on until there is enough text.
    const spaced = `<p>${' '.repeat(5000)}</p>${'<p>word</p>'.repeat(600)}`;
    expect(htmlToPlainText(spaced, 100)).toBe(truncateText(htmlToPlainText(spaced), 100));
  });

  it('starts every conversion afresh, whatever the previous one left open', () => {
    expect(htmlToPlainText('<p>a</p><script>var x = "<p>')).toBe('a');
    expect(htmlToPlainText('<title>t')).toBe('t');
    expect(htmlToPlainText('<p>b <i>c</i></p>')).toBe('b c');
  });

  it('gives an empty string for nothing', () => {
    expect(htmlToPlainText(undefined)).toBe('');
    expect(htmlToPlainText('<p> </p>')).toBe('');
  });
});

describe('truncateText', () => {
  it('does not split a surrogate pair', () => {
    const text = `${'a'.repeat(9)}🚀🚀🚀`;
    const cut = truncateText(text, 11);
    expect(cut).toBe(`${'a'.repeat(9)}…`);
    expect(truncateText('short', 10)).toBe('short');
  });

  it('folds every kind of whitespace', () => {
    expect(foldWhitespace('\u00a0a\u200b\r\n b\t')).toBe('a b');
  });
});
