// Parser output is untrusted: rss-parser hands back whatever xml2js built (a title can be an
// object for Atom xhtml or attributes, an array for repeated elements, a number), and feedsmith
// wraps Atom text in `{ value }`. These helpers turn any of it into strings or nothing.

const MAX_DEPTH = 16;

function collectText(value: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH || value === null || value === undefined) return;
  if (typeof value === 'string') {
    out.push(value);
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const element of value) collectText(element, out, depth + 1);
  } else if (typeof value === 'object') {
    for (const [key, element] of Object.entries(value)) {
      if (key === '$' || key === 'type' || key === 'xml' || key === 'src') continue; // attributes, not text
      collectText(element, out, depth + 1);
    }
  }
}

/** A string from a parser value: strings as they are, `{ _ }` / `{ value }` unwrapped, arrays' first text. */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    for (const element of value) {
      const text = textOf(element);
      if (text !== undefined && text.trim() !== '') return text;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('_' in record) return textOf(record._);
    if ('value' in record) return textOf(record.value);
    if ('#text' in record) return textOf(record['#text']);
    const parts: string[] = [];
    collectText(record, parts, 0);
    const joined = parts
      .map((p) => p.trim())
      .filter(Boolean)
      .join(' ');
    return joined === '' ? undefined : joined;
  }
  return undefined;
}

/** Like `textOf`, but trimmed and undefined when blank. */
export function nonBlank(value: unknown): string | undefined {
  const text = textOf(value)?.trim();
  return text ? text : undefined;
}

/** A URL from a parser value: a string, `{ href }`, `{ $: { href } }`, or the first of an array. */
export function linkOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    for (const element of value) {
      const link = linkOf(element);
      if (link) return link;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const attributes = record.$ as Record<string, unknown> | undefined;
    const href = record.href ?? attributes?.href ?? record.url;
    if (typeof href === 'string') return href.trim() || undefined;
    return nonBlank(value);
  }
  return undefined;
}

/** Every non-blank string in a list-ish parser value. */
export function textsOf(value: unknown, pick: (element: unknown) => unknown = (e) => e): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const element of list) {
    const text = nonBlank(pick(element));
    if (text && !out.includes(text)) out.push(text);
  }
  return out;
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}
