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
