import { compile } from 'html-to-text';

// One compiled converter: html-to-text builds its selector tree per options object, which costs
// more than converting a typical summary.
const convert = compile({
  wordwrap: false,
  decodeEntities: true,
  // Summaries can be whole articles; we keep 2,000 characters, so converting more is wasted work.
  limits: { maxInputLength: 100_000, ellipsis: ' …' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'picture', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    { selector: 'hr', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
  ],
});

// Text is run through the HTML converter only when it has a tag or an entity in it: most titles
// are plain, and an unescaped `<` in plain text ("a < b") is text, not a tag, to htmlparser2 too.
const LOOKS_LIKE_HTML = /<[a-z!/?]|&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

// Windows-1252 characters for U+0080–U+009F. Feeds that wrote `&#146;` or raw C1 bytes meant the
// curly quote, never the control character (HTML numeric references are mapped the same way).
const C1_TO_CP1252: Record<string, string> = {
  '\u0080': '€', '\u0082': '‚', '\u0083': 'ƒ', '\u0084': '„', '\u0085': '…', '\u0086': '†', '\u0087': '‡',
  '\u0088': 'ˆ', '\u0089': '‰', '\u008a': 'Š', '\u008b': '‹', '\u008c': 'Œ', '\u008e': 'Ž', '\u0091': '‘',
  '\u0092': '’', '\u0093': '“', '\u0094': '”', '\u0095': '•', '\u0096': '–', '\u0097': '—', '\u0098': '˜',
  '\u0099': '™', '\u009a': 'š', '\u009b': '›', '\u009c': 'œ', '\u009e': 'ž', '\u009f': 'Ÿ',
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
  const text = foldWhitespace(demoronize(LOOKS_LIKE_HTML.test(html) ? convert(html) : html));
  return maxLength === undefined ? text : truncateText(text, maxLength);
}
