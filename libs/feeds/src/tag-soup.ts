import { Parser } from 'htmlparser2';
import type { FeedFormat, ParsedFeed, ParsedItem } from './parsed-feed';

// The last resort for ill-formed feeds, after rss-parser and feedsmith found no item: a
// tokenizer-level pass that collects <item>/<entry> elements wherever they sit. An unclosed
// element (`<itunes:category>` without its end tag) leaves the items nested inside it, where
// tree-building parsers no longer look. htmlparser2 tokenizes without recursion, and the text has
// passed the depth and size checks, so this runs on the calling thread. Hand-written mapping:
// no library does "find items in tag soup".

type ItemField = 'guid' | 'link' | 'title' | 'summary' | 'contentHtml' | 'published' | 'language' | 'author';

const ITEM_FIELDS: Record<string, ItemField> = {
  guid: 'guid',
  id: 'guid',
  link: 'link',
  title: 'title',
  description: 'summary',
  summary: 'summary',
  'content:encoded': 'contentHtml',
  content: 'contentHtml',
  pubdate: 'published',
  'dc:date': 'published',
  published: 'published',
  updated: 'published',
  issued: 'published',
  modified: 'published',
  'dc:language': 'language',
  'dc:creator': 'author',
  name: 'author',
};

/**
 * Items and feed title from markup no XML parser accepts (items may be empty: the caller decides).
 * `rootName` is the document's root as written: its prefix (`r:rss`, `atom:feed`) marks the feed
 * vocabulary, and is dropped from every element that carries it.
 */
export function parseTagSoup(text: string, format: FeedFormat, rootName = ''): Omit<ParsedFeed, 'droppedItems'> {
  const rootPrefix = rootName.includes(':') ? `${rootName.slice(0, rootName.indexOf(':')).toLowerCase()}:` : undefined;
  const strip = (name: string): string => {
    if (rootPrefix && name.startsWith(rootPrefix)) return name.slice(rootPrefix.length);
    return name.replace(/^(atom|rss):/, '');
  };
  const items: ParsedItem[] = [];
  const open: string[] = [];
  let item: ParsedItem | undefined;
  let itemDepth = -1;
  let capture: { field: ItemField | 'feedTitle' | 'feedLink' | 'feedLanguage' | 'category'; depth: number; text: string } | undefined;
  let feedTitle: string | undefined;
  let feedLink: string | undefined;
  let feedLanguage: string | undefined;

  const finishItem = () => {
    if (item && (item.title || item.link || item.guid || item.summary)) items.push(item);
    item = undefined;
    itemDepth = -1;
  };

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = strip(rawName.toLowerCase());
        open.push(name);
        if (name === 'item' || name === 'entry') {
          finishItem(); // an unclosed previous item ends where the next begins
          item = {};
          itemDepth = open.length;
          return;
        }
        if (capture) return;
        if (item) {
          if (name === 'link' && attributes.href !== undefined) {
            const rel = attributes.rel ?? 'alternate';
            if (rel === 'alternate' && !item.link) item.link = attributes.href;
            return;
          }
          if (name === 'category') {
            const term = attributes.label ?? attributes.term;
            if (term) (item.categories ??= []).push(term);
            else capture = { field: 'category', depth: open.length, text: '' };
            return;
          }
          const field = ITEM_FIELDS[name];
          if (field && item[field] === undefined) capture = { field, depth: open.length, text: '' };
          return;
        }
        if (name === 'title' && feedTitle === undefined && !open.includes('image')) {
          capture = { field: 'feedTitle', depth: open.length, text: '' };
        } else if (name === 'link' && feedLink === undefined && !open.includes('image')) {
          if (attributes.href !== undefined) {
            if ((attributes.rel ?? 'alternate') === 'alternate') feedLink = attributes.href;
          } else {
            capture = { field: 'feedLink', depth: open.length, text: '' };
          }
        } else if ((name === 'language' || name === 'dc:language') && feedLanguage === undefined) {
          capture = { field: 'feedLanguage', depth: open.length, text: '' };
        }
      },
      ontext(data) {
        if (capture) capture.text += data;
      },
      onclosetag() {
        if (capture && capture.depth === open.length) {
          const value = capture.text.trim();
          if (value) {
            if (capture.field === 'feedTitle') feedTitle = value;
            else if (capture.field === 'feedLink') feedLink = value;
            else if (capture.field === 'feedLanguage') feedLanguage = value;
            else if (capture.field === 'category') (item!.categories ??= []).push(value);
            else if (item) item[capture.field] = value;
          }
          capture = undefined;
        }
        if (item && open.length === itemDepth) finishItem();
        open.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(text);
  parser.end();
  finishItem();

  const feed: Omit<ParsedFeed, 'droppedItems'> = { title: feedTitle ?? '', items, format, parser: 'tag-soup' };
  if (feedLink) feed.link = feedLink;
  if (feedLanguage) feed.language = feedLanguage;
  return feed;
}
