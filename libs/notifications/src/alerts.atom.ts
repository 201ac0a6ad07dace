import type { NoticeAlert, NoticeStory } from './notification.types';

/**
 * The alerts Atom feed (RFC 4287), written by hand rather than with feedsmith (already a
 * dependency): its generator wraps text in CDATA with pretty-printing whitespace inside the
 * element (so a title is no longer the title as published), trims CDATA text, and passes C0
 * control characters through, which makes the document ill-formed XML 1.0. The format needs a
 * dozen elements; escaping them here is short and testable.
 */

export interface AtomAlert {
  alert: NoticeAlert;
  story: NoticeStory;
}

export interface AlertsAtomInput {
  /** The feed's permanent URL: its `<id>`. */
  feedUrl: string;
  /** The URL this document was served from (may carry filters): `<link rel="self">`. */
  selfUrl: string;
  /** When any entry last changed. */
  updated: Date | string;
  /** In the order to list them, newest first by convention. */
  alerts: readonly AtomAlert[];
  /** @defaultValue `chipwatch alerts` */
  title?: string;
  /** A human page listing the alerts: `<link rel="alternate">`. */
  alternateUrl?: string;
}

/**
 * Tag URIs (RFC 4151) name entries and category schemes: stable, ours, and never dereferenced.
 * The entry id is derived from the alert id, so an updated alert is the same entry, updated.
 */
const TAG = 'tag:chipwatch,2025:';
export const ATOM_SEVERITY_SCHEME = `${TAG}severity`;
export const ATOM_RULE_SCHEME = `${TAG}rule`;

export function atomEntryId(alertId: string): string {
  return `${TAG}alert:${encodeURIComponent(alertId)}`;
}

/** Characters XML 1.0 cannot carry at all (C0 controls, U+FFFE/FFFF, lone surrogates): dropped. */
// eslint-disable-next-line no-control-regex -- XML 1.0's Char production names tab, LF and CR
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function rfc3339(value: Date | string, what: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`${what} is not a date: ${String(value)}`);
  return date.toISOString();
}

function entry({ alert, story }: AtomAlert): string {
  const raised = rfc3339(alert.raisedAt, `alert ${alert.id} raisedAt`);
  const updated = alert.updatedAt ? rfc3339(alert.updatedAt, `alert ${alert.id} updatedAt`) : raised;
  const ruleIds = alert.ruleIds.includes(alert.ruleId) ? alert.ruleIds : [alert.ruleId, ...alert.ruleIds];
  const summary = `Severity: ${alert.severity}. Rules: ${ruleIds.join(', ')}.${story.summary ? ` ${story.summary.trim()}` : ''}`;
  return [
    '  <entry>',
    `    <id>${text(atomEntryId(alert.id))}</id>`,
    `    <title type="text">${text(story.title)}</title>`,
    `    <link rel="alternate" href="${attr(story.url)}"/>`,
    `    <published>${raised}</published>`,
    `    <updated>${updated}</updated>`,
    `    <summary type="text">${text(summary)}</summary>`,
    `    <category term="${attr(alert.severity)}" scheme="${ATOM_SEVERITY_SCHEME}" label="${attr(`severity: ${alert.severity}`)}"/>`,
    ...ruleIds.map((id) => `    <category term="${attr(id)}" scheme="${ATOM_RULE_SCHEME}" label="${attr(`rule: ${id}`)}"/>`),
    '  </entry>',
  ].join('\n');
}

/** A complete Atom 1.0 document of alerts. */
export function renderAlertsAtom(input: AlertsAtomInput): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${text(input.feedUrl)}</id>`,
    `  <title type="text">${text(input.title ?? 'chipwatch alerts')}</title>`,
    `  <updated>${rfc3339(input.updated, 'updated')}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${attr(input.selfUrl)}"/>`,
    ...(input.alternateUrl ? [`  <link rel="alternate" type="text/html" href="${attr(input.alternateUrl)}"/>`] : []),
    // Atom requires an author for every entry; one at feed level covers them all.
    '  <author><name>chipwatch</name></author>',
    '  <generator>chipwatch</generator>',
    ...input.alerts.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
