import type { AlertNotice } from './notification.types';

/**
 * Slack incoming-webhook messages (Block Kit). Story text comes from publishers: `&`, `<` and `>`
 * are escaped everywhere so a headline cannot forge a link or an `<!channel>` mention.
 */

export interface SlackTextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
}

export type SlackBlock =
  | { type: 'section'; text: SlackTextObject; fields?: SlackTextObject[] }
  | { type: 'section'; fields: SlackTextObject[] }
  | { type: 'context'; elements: SlackTextObject[] };

export interface SlackMessage {
  /** Plain fallback for notifications and clients without blocks. */
  text: string;
  blocks: SlackBlock[];
  unfurl_links: boolean;
  unfurl_media: boolean;
}

export interface SlackMessageOptions {
  /**
   * Evidence quotes shown, strongest first.
   * @defaultValue 3
   */
  maxEvidence?: number;
}

/** Slack's control characters, escaped as its formatting reference asks. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts by code points (never inside a surrogate pair), before escaping so no entity is split. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line of text: feed titles and quotes can carry newlines that would break the layout. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A `<url|label>` link, or the bare label when the URL is not http(s). */
function link(url: string, label: string): string {
  let href: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return label;
    href = parsed.href;
  } catch {
    return label;
  }
  // `|` ends the URL part of a Slack link; percent-encoding it keeps the URL equivalent.
  return `<${escapeSlackText(href.replace(/\|/g, '%7C'))}|${label}>`;
}

// Slack's limits: 3000 characters per section text, 2000 per field; we stay well inside them.
const TITLE_MAX = 250;
const FIELD_MAX = 300;
const QUOTE_MAX = 200;

export function buildSlackMessage(notice: AlertNotice, options: SlackMessageOptions = {}): SlackMessage {
  if (notice.kind === 'test') return testMessage(notice);
  const { alert, story, classification } = notice;
  const maxEvidence = options.maxEvidence ?? 3;
  const updated = notice.kind === 'updated';
  const title = escapeSlackText(truncate(oneLine(story.title), TITLE_MAX));
  const severity = escapeSlackText(truncate(oneLine(alert.severity), 40).toUpperCase());
  const source = escapeSlackText(truncate(oneLine(story.feedTitle ?? story.feedId), FIELD_MAX));
  const rules = escapeSlackText(truncate(alert.ruleIds.join(', '), FIELD_MAX));

  const fields: SlackTextObject[] = [
    { type: 'mrkdwn', text: `*Severity*\n${severity}` },
    { type: 'mrkdwn', text: `*Source*\n${source}` },
    { type: 'mrkdwn', text: `*Rules*\n${rules}` },
  ];
  if (story.publishedAt) fields.push({ type: 'mrkdwn', text: `*Published*\n${escapeSlackText(story.publishedAt)}` });

  const blocks: SlackBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `${updated ? '*Updated:* ' : ''}*${link(story.url, title)}*` },
      fields,
    },
  ];
  const quotes = classification.evidence.slice(0, Math.max(0, maxEvidence));
  if (quotes.length > 0) {
    const lines = quotes.map(
      (e) => `• “${escapeSlackText(truncate(oneLine(e.text), QUOTE_MAX))}” _(${escapeSlackText(oneLine(e.concept))})_`,
    );
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Evidence*\n${lines.join('\n')}` } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `chipwatch alert ${escapeSlackText(alert.alertId)} · score ${classification.score.toFixed(2)}` }],
  });

  const fallback = `[${severity}]${updated ? ' Updated:' : ''} ${title} (${source})`;
  return { text: fallback, blocks, unfurl_links: false, unfurl_media: false };
}

/** A test (`POST /subscriptions/:id/test`): marked as one in the text, the fallback and the context, and about no alert. */
function testMessage(notice: AlertNotice): SlackMessage {
  const { story, alert } = notice;
  const title = escapeSlackText(truncate(oneLine(story.title), TITLE_MAX));
  const summary = escapeSlackText(truncate(oneLine(story.summary ?? ''), FIELD_MAX));
  return {
    text: `[TEST] ${title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*Test:* *${title}*\n${summary}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `chipwatch test notification · sent ${escapeSlackText(alert.raisedAt)} · not an alert` }],
      },
    ],
    unfurl_links: false,
    unfurl_media: false,
  };
}
