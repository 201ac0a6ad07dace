import { createHash } from 'node:crypto';
import { canonicalUrl, isHttpUrl } from './canonical-url';
import { resolvePublishedAt } from './dates';
import type { ParsedFeed, ParsedItem } from './feed-parser';
import { htmlToPlainText, truncateText } from './html-to-text';
import { normaliseLanguageCode, resolveFeedLanguage, UNDETERMINED_LANGUAGE } from './language';
import type { DiscoveredStory } from '@chipwatch/stories';

/** A story as `StoryDiscovered` records it (see `deriveStoryId`, `canonicalUrl`, `SUMMARY_MAX_LENGTH`). */
export type NormalisedStory = DiscoveredStory;

export const STORY_ID_LENGTH = 24;
export const SUMMARY_MAX_LENGTH = 2000;
const TITLE_FROM_SUMMARY_LENGTH = 140;

export interface NormaliseContext {
  feedId: string;
  /** The URL the feed was fetched from (after redirects): the base for relative links. */
  feedUrl: string;
  /** First-seen time, for items without a readable date. */
  now: Date;
  /** Language configured for the feed, consulted after the item's and the feed's own. */
  languageHint?: string;
}

export interface NormaliseResult {
  stories: NormalisedStory[];
  /** Items that repeated another item exactly (same link, GUID and title): kept once, counted here. */
  duplicateItems: number;
}

function sha(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, STORY_ID_LENGTH);
}

/** The story id for a canonical URL: the same article from any feed gets the same id. */
export function storyIdFromUrl(url: string): string {
  return sha(url);
}

export interface StoryIdentity {
  feedId: string;
  url?: string | null;
  guid?: string | null;
  title?: string;
  /** The date as written in the feed (not the first-seen time, which changes every poll). */
  published?: string;
}

/**
 * sha256 (hex, first 24 characters) of the canonical URL; else of feed id + GUID; else of feed
 * id + title + published date as written. The last two are scoped to the feed, since GUIDs and
 * titles are only unique within one.
 */
export function deriveStoryId(identity: StoryIdentity): string {
  if (identity.url) return storyIdFromUrl(identity.url);
  if (identity.guid) return sha(`guid\u0000${identity.feedId}\u0000${identity.guid}`);
  return sha(`title\u0000${identity.feedId}\u0000${identity.title ?? ''}\u0000${identity.published ?? ''}`);
}

/** The id for items that collide on their primary identity but are different items. */
function disambiguatedStoryId(identity: StoryIdentity): string {
  return sha(`item\u0000${identity.feedId}\u0000${identity.guid ?? ''}\u0000${identity.url ?? ''}\u0000${identity.title ?? ''}`);
}

/** Base for relative item links: the feed's own `<link>` when absolute (or relative to the feed URL), else the feed URL. */
function linkBase(feed: ParsedFeed, feedUrl: string): string {
  return canonicalUrl(feed.link, feedUrl) ?? feedUrl;
}

interface Draft {
  story: NormalisedStory;
  identity: StoryIdentity;
  index: number;
  /** The item's own language, normalised, if it names one. */
  itemLanguage: string | undefined;
}

/** `language` is left empty: `assignLanguages` fills it in for all drafts of a feed at once. */
function draftStory(item: ParsedItem, base: string, context: NormaliseContext, index: number): Draft {
  const guid = item.guid?.trim() || null;
  // An RSS <guid> is a permalink unless marked otherwise; rss-parser drops the attribute, so an
  // http(s) GUID stands in for a missing <link>.
  const url = canonicalUrl(item.link, base) ?? (isHttpUrl(guid ?? undefined) ? canonicalUrl(guid!, base) : undefined) ?? null;
  const summary =
    htmlToPlainText(item.summary || item.contentHtml, SUMMARY_MAX_LENGTH) || htmlToPlainText(item.contentHtml, SUMMARY_MAX_LENGTH);
  const title = htmlToPlainText(item.title) || truncateText(summary, TITLE_FROM_SUMMARY_LENGTH);
  const identity: StoryIdentity = { feedId: context.feedId, url, guid, title, published: item.published };
  return {
    index,
    identity,
    itemLanguage: normaliseLanguageCode(item.language),
    story: {
      storyId: deriveStoryId(identity),
      feedId: context.feedId,
      guid,
      url,
      title,
      summary,
      language: '',
      publishedAt: resolvePublishedAt(item.published, context.now),
    },
  };
}

/** Title and summary as one text; once when the summary repeats the title (as many feeds' do). */
function languageText({ title, summary }: NormalisedStory): string {
  if (!summary) return title;
  return summary.startsWith(title) ? summary : `${title}. ${summary}`;
}

/** Items' own language first; the others share the feed's, the hint's or one detected for the feed. */
function assignLanguages(drafts: Draft[], feed: ParsedFeed, context: NormaliseContext): void {
  const undeclared = drafts.filter((draft) => draft.itemLanguage === undefined);
  const shared =
    undeclared.length === 0
      ? UNDETERMINED_LANGUAGE
      : resolveFeedLanguage({
          feed: feed.language,
          hint: context.languageHint,
          texts: () => undeclared.map((draft) => languageText(draft.story)),
        }).language;
  for (const draft of drafts) draft.story.language = draft.itemLanguage ?? shared;
}

/**
 * Turns parsed items into stories. Pure: `now` is passed in.
 *
 * Items that share an id but are different items (a feed repeating one GUID for every entry, or
 * linking every entry to its home page) are not collapsed: the one published first keeps the
 * primary id, so a story already recorded keeps its id, and the others get an id from feed id +
 * GUID + URL + title. Items identical in link, GUID and title are one item listed twice.
 */
export function normaliseStories(feed: ParsedFeed, context: NormaliseContext): NormaliseResult {
  const base = linkBase(feed, context.feedUrl);
  const drafts = feed.items.map((item, index) => draftStory(item, base, context, index));
  assignLanguages(drafts, feed, context);

  const groups = new Map<string, Draft[]>();
  for (const draft of drafts) {
    const group = groups.get(draft.story.storyId);
    if (group) group.push(draft);
    else groups.set(draft.story.storyId, [draft]);
  }

  const kept: Draft[] = [];
  let duplicateItems = 0;
  for (const group of groups.values()) {
    if (group.length === 1) {
      kept.push(group[0]);
      continue;
    }
    // Oldest first; on equal dates the later in the document, since feeds list newest first.
    const ordered = [...group].sort((a, b) => a.story.publishedAt.localeCompare(b.story.publishedAt) || b.index - a.index);
    const seen = new Set<string>();
    ordered.forEach((draft, position) => {
      const key = `${draft.identity.url}\u0000${draft.identity.guid}\u0000${draft.identity.title}`;
      if (seen.has(key)) {
        duplicateItems++;
        return;
      }
      seen.add(key);
      if (position > 0) draft.story.storyId = disambiguatedStoryId(draft.identity);
      kept.push(draft);
    });
  }
  // A disambiguated id can, in theory, meet a primary one; keep the first and count the rest.
  const byId = new Map<string, Draft>();
  for (const draft of kept.sort((a, b) => a.index - b.index)) {
    if (byId.has(draft.story.storyId)) duplicateItems++;
    else byId.set(draft.story.storyId, draft);
  }
  return { stories: [...byId.values()].map((d) => d.story), duplicateItems };
}
