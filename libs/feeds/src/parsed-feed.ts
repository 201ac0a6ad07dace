/** What every parser (rss-parser, feedsmith, tag-soup, JSON Feed) is mapped to. */

/** One entry of a feed, as the parsers found it: raw strings, nothing resolved or cleaned yet. */
export interface ParsedItem {
  guid?: string;
  link?: string;
  title?: string;
  /** RSS `description`, Atom `summary`, JSON Feed `summary` (HTML or text). */
  summary?: string;
  /** RSS `content:encoded`, Atom `content`, JSON Feed `content_html`/`content_text`. */
  contentHtml?: string;
  /** The date as written (pubDate, dc:date, published, updated). */
  published?: string;
  language?: string;
  author?: string;
  categories?: string[];
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';
export type FeedParserName = 'rss-parser' | 'feedsmith' | 'tag-soup' | 'json';

export interface ParsedFeed {
  title: string;
  link?: string;
  language?: string;
  /** RSS `<ttl>`, when it is a positive whole number of minutes. */
  ttlMinutes?: number;
  items: ParsedItem[];
  format: FeedFormat;
  /**
   * Which parser produced the items: `feedsmith` when rss-parser threw (or found none) and the
   * fallback recovered them, `tag-soup` when only the last-resort scan did.
   */
  parser: FeedParserName;
  /** Items beyond `maxItems` that were left out (the oldest). Nothing is dropped without a count. */
  droppedItems: number;
}
