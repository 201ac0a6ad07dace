import { FeedPollError } from './feed-errors';

export interface FeedSafetyLimits {
  /**
   * Deepest element nesting accepted. Real feeds stay under 20; rss-parser overflows its stack
   * near 100k, and every level costs memory in every parser.
   * @defaultValue 256
   */
  maxDepth?: number;
}

export interface FeedShape {
  kind: 'xml' | 'json';
  /** The root element's qualified name as written (`rss`, `feed`, `rdf:RDF`), for XML. */
  rootName?: string;
  /** The root is one a feed has (`rss`, `feed`, `RDF`, in any namespace prefix). */
  feedRoot: boolean;
  /** `item` and `entry` elements seen, at any depth. */
  itemCount: number;
  /** Deepest open-element nesting seen. */
  depth: number;
}

export const DEFAULT_MAX_DEPTH = 256;

const FEED_ROOTS = new Set(['rss', 'feed', 'rdf', 'channel']);
const FEED_ITEMS = new Set(['item', 'entry']);

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return (colon < 0 ? qname : qname.slice(colon + 1)).toLowerCase();
}

function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a || code > 0x7f;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}

function readName(text: string, from: number): number {
  let i = from;
  while (i < text.length && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

/** Index of the `>` closing a tag or declaration, skipping quoted values and `[...]` subsets. */
function endOfMarkup(text: string, from: number): number {
  let quote = 0;
  let brackets = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x5b) {
      brackets++;
    } else if (c === 0x5d) {
      if (brackets > 0) brackets--;
    } else if (c === 0x3e && brackets === 0) {
      return i;
    }
  }
  return text.length;
}

// Attribute text up to the next quote or angle bracket, skipped by the regex engine in one step.
const PLAIN_ATTRIBUTES = /[^"'<>]*/y;

/** Index of the `>` closing a start tag: quoted attribute values may contain `>`. */
function endOfTag(text: string, from: number): number {
  let i = from;
  for (;;) {
    PLAIN_ATTRIBUTES.lastIndex = i;
    PLAIN_ATTRIBUTES.test(text);
    i = PLAIN_ATTRIBUTES.lastIndex;
    if (i >= text.length) return text.length;
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i;
    // An unterminated tag in ill-formed markup: stop at the next one rather than swallow it.
    if (c === 0x3c) return i - 1;
    const close = text.indexOf(c === 0x22 ? '"' : "'", i + 1);
    if (close < 0) return text.length;
    i = close + 1;
  }
}

/** True when a qualified name's local part is `item` or `entry`, in any case. */
function isItemName(qname: string): boolean {
  const local = qname.length - qname.indexOf(':') - 1;
  return (local === 4 || local === 5) && FEED_ITEMS.has(localName(qname));
}

/**
 * One linear pass over a feed's text, before any parser sees it: no DOM, no entity expansion.
 * Throws `unsafe-xml` for an internal `<!ENTITY` declaration (billion laughs, external entities;
 * a DOCTYPE naming only an external DTD, as RSS 0.91 feeds do, passes), `too-complex` for nesting
 * past the limit, `not-a-feed` for an HTML page and `parse-error` for an empty body.
 *
 * Nesting is counted the way lenient parsers recover: a close tag pops back to its matching open
 * tag and a stray one is ignored, so unclosed `<br>`s in ill-formed descriptions do not add up.
 */
export function inspectFeedText(text: string, options: FeedSafetyLimits & { contentType?: string } = {}): FeedShape {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  if (start === text.length) throw new FeedPollError('parse-error', 'empty body');
  if (text[start] === '{') return { kind: 'json', feedRoot: false, itemCount: 0, depth: 0 };

  const stack: string[] = [];
  let rootName: string | undefined;
  let htmlDoctype = false;
  let itemCount = 0;
  let depth = 0;
  let i = start;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0 || lt + 1 >= text.length) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        i = end < 0 ? text.length : end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        i = end < 0 ? text.length : end + 3;
      } else {
        const end = endOfMarkup(text, lt + 2);
        const declaration = text.slice(lt, end + 1);
        if (/^<!ENTITY/i.test(declaration) || (/^<!DOCTYPE/i.test(declaration) && /<!ENTITY/i.test(declaration))) {
          throw new FeedPollError('unsafe-xml', 'document declares its own entities (<!ENTITY>): refused');
        }
        if (rootName === undefined && /^<!DOCTYPE\s+html\b/i.test(declaration)) htmlDoctype = true;
        i = end + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      const nameEnd = readName(text, lt + 2);
      const name = text.slice(lt + 2, nameEnd);
      const open = stack.lastIndexOf(name);
      if (open >= 0) stack.length = open;
      const end = text.indexOf('>', nameEnd);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (!isNameStart(next)) {
      i = lt + 1;
      continue;
    }
    const nameEnd = readName(text, lt + 1);
    const name = text.slice(lt + 1, nameEnd);
    const end = endOfTag(text, nameEnd);
    if (rootName === undefined) {
      const local = localName(name);
      rootName = name;
      if (local === 'html') throw new FeedPollError('not-a-feed', 'body is an HTML page (<html> root)');
      // An XHTML doctype in front of a feed root is a generator's mistake, not a page.
      if (htmlDoctype && !FEED_ROOTS.has(local)) {
        throw new FeedPollError('not-a-feed', `body is an HTML page (<!DOCTYPE html>, <${name}> root)`);
      }
      if (!FEED_ROOTS.has(local) && /^text\/html\b/i.test(options.contentType ?? '')) {
        throw new FeedPollError('not-a-feed', `text/html body with <${name}> root`);
      }
    }
    if (isItemName(name)) itemCount++;
    if (text.charCodeAt(end - 1) !== 0x2f /* self-closing */) {
      stack.push(name);
      if (stack.length > depth) {
        depth = stack.length;
        if (depth > maxDepth) {
          throw new FeedPollError('too-complex', `elements nest deeper than ${maxDepth} levels`);
        }
      }
    }
    i = end + 1;
  }

  if (rootName === undefined) {
    if (htmlDoctype) throw new FeedPollError('not-a-feed', 'body is an HTML page (<!DOCTYPE html>)');
    if (text[start] === '<') throw new FeedPollError('parse-error', 'XML body without a root element');
    throw new FeedPollError('not-a-feed', 'body has no XML element and is not JSON');
  }
  return { kind: 'xml', rootName, feedRoot: FEED_ROOTS.has(localName(rootName)), itemCount, depth };
}
