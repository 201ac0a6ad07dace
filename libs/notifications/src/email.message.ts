import type { AlertNotice } from './notification.types';

export interface AlertEmail {
  subject: string;
  text: string;
  html: string;
}

export interface AlertEmailOptions {
  /**
   * Evidence quotes shown, strongest first.
   * @defaultValue 3
   */
  maxEvidence?: number;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Headers are one line: a newline in a headline must not start a new header. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters in a header are exactly what must go
  return text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
}

function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Subject, plain text and HTML for one alert. The HTML is self-contained: inline styles, no
 * images or other remote resources (they track opens and are blocked by most clients anyway),
 * every story-supplied string escaped, and links only to http(s) URLs.
 */
export function renderAlertEmail(notice: AlertNotice, options: AlertEmailOptions = {}): AlertEmail {
  if (notice.kind === 'test') return testEmail(notice);
  const { alert, story, classification } = notice;
  const updated = notice.kind === 'updated';
  const severity = oneLine(alert.severity).toUpperCase();
  const title = oneLine(story.title);
  const source = oneLine(story.feedTitle ?? story.feedId);
  const rules = alert.ruleIds.join(', ');
  const evidence = classification.evidence.slice(0, Math.max(0, options.maxEvidence ?? 3));
  const href = httpUrl(story.url);

  const subject = `[chipwatch] ${updated ? 'Updated, ' : ''}${severity}: ${title}`;

  const facts: Array<[string, string]> = [
    ['Severity', severity],
    ['Source', source],
    ['Rules', rules],
    ...(story.publishedAt ? ([['Published', story.publishedAt]] as Array<[string, string]>) : []),
    ['Score', classification.score.toFixed(2)],
  ];

  const text = [
    updated ? `Updated alert (${severity})` : `New alert (${severity})`,
    '',
    title,
    story.url,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(story.summary ? ['', story.summary.trim()] : []),
    ...(evidence.length ? ['', 'Evidence:', ...evidence.map((e) => `- "${oneLine(e.text)}" (${e.concept})`)] : []),
    '',
    `chipwatch alert ${alert.alertId}`,
    '',
  ].join('\n');

  const heading = href ? `<a href="${escapeHtml(href)}" style="color:#0b57d0">${escapeHtml(title)}</a>` : escapeHtml(title);
  const html = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f1f1f">',
    `<p style="margin:0 0 8px;color:#5f6368">${updated ? 'Updated alert' : 'New alert'} &middot; ${escapeHtml(severity)}</p>`,
    `<h1 style="font-size:18px;margin:0 0 12px">${heading}</h1>`,
    '<table style="border-collapse:collapse;margin:0 0 12px">',
    ...facts.map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0;color:#5f6368">${escapeHtml(k)}</th><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
    ),
    '</table>',
    ...(story.summary ? [`<p style="margin:0 0 12px">${escapeHtml(story.summary.trim())}</p>`] : []),
    ...(evidence.length
      ? [
          '<p style="margin:0 0 4px"><strong>Evidence</strong></p>',
          '<ul style="margin:0 0 12px">',
          ...evidence.map((e) => `<li>&ldquo;${escapeHtml(oneLine(e.text))}&rdquo; (${escapeHtml(e.concept)})</li>`),
          '</ul>',
        ]
      : []),
    `<p style="margin:16px 0 0;color:#5f6368;font-size:12px">chipwatch alert ${escapeHtml(alert.alertId)}</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return { subject, text, html };
}

/** A test (`POST /subscriptions/:id/test`): "Test" in the subject and the first line, about no alert. */
function testEmail(notice: AlertNotice): AlertEmail {
  const { story, alert } = notice;
  const title = oneLine(story.title);
  const summary = (story.summary ?? '').trim();
  const subject = `[chipwatch] Test: ${title}`;
  const text = ['Test notification (not an alert)', '', title, '', summary, '', `Sent ${alert.raisedAt}`, ''].join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f1f1f">',
    '<p style="margin:0 0 8px;color:#5f6368">Test notification &middot; not an alert</p>',
    `<h1 style="font-size:18px;margin:0 0 12px">${escapeHtml(title)}</h1>`,
    `<p style="margin:0 0 12px">${escapeHtml(summary)}</p>`,
    `<p style="margin:16px 0 0;color:#5f6368;font-size:12px">Sent ${escapeHtml(alert.raisedAt)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
