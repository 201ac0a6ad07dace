import { Parser } from 'htmlparser2';

// A streaming text extraction on htmlparser2's tokenizer instead of a DOM-building converter
// (html-to-text): we keep one line of at most 2,000 characters, so layout (list markers, table
// columns, quote prefixes) is thrown away by the whitespace fold anyway, and building a tree of
// a whole article to keep its first paragraphs was most of the normaliser's time.

/** Elements whose text is not reading text: code, styling, embeds, media. */
const SKIPPED = new Set(['script', 'style', 'iframe', 'img', 'picture', 'hr', 'template']);

/** Elements that break a line: their start and end separate the words either side. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** HTML is written to the tokenizer in slices of this size, so a long article stops being read early. */
const WRITE_CHUNK = 2048;

interface Extraction {
  parts: string[];
  /** Characters of text collected, before folding. */
  collected: number;
  /** Open skipped elements around the current position. */
  skipDepth: number;
}

// A new parser per call: htmlparser2's reset() keeps some tokenizer state (inside <script> or
// <title>) when the previous document ended there, and building one costs little.
function newParser(state: Extraction): Parser {
  return new Parser(
    {
      onopentagname(name) {
        if (SKIPPED.has(name)) state.skipDepth++;
        else if (BLOCKS.has(name)) state.parts.push(' ');
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) state.skipDepth = Math.max(0, state.skipDepth - 1);
        else if (BLOCKS.has(name)) state.parts.push(' ');
      },
      ontext(text) {
        if (state.skipDepth > 0) return;
        state.parts.push(text);
        state.collected += text.length;
      },
    },
    { decodeEntities: true },
  );
}

/**
 * The text of an HTML fragment: tags dropped, entities decoded, a space at block boundaries. With
 * `enough`, reading stops once the folded text is longer than that (the caller truncates to it),
 * so the result is a prefix of the whole text that truncates the same.
 */
function extractText(html: string, enough?: number): string {
  const state: Extraction = { parts: [], collected: 0, skipDepth: 0 };
  const parser = newParser(state);
  const finish = () => foldWhitespace(demoronize(state.parts.join('')));
  if (enough === undefined || html.length <= WRITE_CHUNK) {
    parser.end(html);
    return finish();
  }
  let check = enough;
  for (let at = 0; at < html.length; at += WRITE_CHUNK) {
    parser.write(html.slice(at, at + WRITE_CHUNK));
    if (state.collected > check) {
      const text = finish();
      if (text.length > enough) return text;
      check = state.collected * 2; // mostly whitespace so far: fold again once twice as much has arrived
    }
  }
  parser.end();
  return finish();
}

// Text is run through the HTML converter only when it has a tag or an entity in it: most titles
// are plain, and an unescaped `<` in plain text ("a < b") is text, not a tag, to htmlparser2 too.
const LOOKS_LIKE_HTML = /<[a-z!/?]|&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

// Windows-1252 characters for U+0080–U+009F. Feeds that wrote `&#146;` or raw C1 bytes meant the
// curly quote, never the control character (HTML numeric references are mapped the same way).
const C1_TO_CP1252: Record<string, string> = {
  '\u0080': '€',
  '\u0082': '‚',
  '\u0083': 'ƒ',
  '\u0084': '„',
  '\u0085': '…',
  '\u0086': '†',
  '\u0087': '‡',
  '\u0088': 'ˆ',
  '\u0089': '‰',
  '\u008a': 'Š',
  '\u008b': '‹',
  '\u008c': 'Œ',
  '\u008e': 'Ž',
  '\u0091': '‘',
  '\u0092': '’',
  '\u0093': '“',
  '\u0094': '”',
  '\u0095': '•',
  '\u0096': '–',
  '\u0097': '—',
  '\u0098': '˜',
  '\u0099': '™',
  '\u009a': 'š',
  '\u009b': '›',
  '\u009c': 'œ',
  '\u009e': 'ž',
  '\u009f': 'Ÿ',
};

/** Replaces C1 control characters with the windows-1252 characters they were meant to be. */
export function demoronize(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => C1_TO_CP1252[c] ?? '');
}

/** Folds every run of whitespace (including NBSP and line breaks) into one space and trims. */
export function foldWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/**
 * Cuts `text` to at most `max` characters, at a word boundary when one is near, with an ellipsis.
 * Never splits a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (cut > 0 && /[\ud800-\udbff]/.test(text[cut - 1])) cut--;
  const space = text.lastIndexOf(' ', cut);
  if (space > max * 0.8) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** HTML (or plain text) to one line of plain text: tags dropped, entities decoded, whitespace folded. */
export function htmlToPlainText(html: string | undefined, maxLength?: number): string {
  if (!html) return '';
  const text = LOOKS_LIKE_HTML.test(html) ? extractText(html, maxLength) : foldWhitespace(demoronize(html));
  return maxLength === undefined ? text : truncateText(text, maxLength);
}
