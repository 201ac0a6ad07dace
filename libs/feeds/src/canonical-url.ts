// Hand-written on top of WHATWG `URL` (which already lower-cases the scheme and host, punycodes
// IDNs, drops default ports and resolves dot segments): the rest is a short list of policy choices.

/**
 * Query parameters that only say how a reader arrived, never which page it is: campaign tags and
 * ad click ids. Matched case-insensitively; `utm_` is a prefix.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'wt_mc',
  'at_medium',
  'at_campaign',
]);

function isTracking(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The URL a story is known by, so the same article reached through different links gets one id.
 *
 * - resolved against `base` (the item's or feed's URL) when relative;
 * - http(s) only: anything else (`mailto:`, `javascript:`, a bare GUID) gives undefined;
 * - host lower-cased, default port, fragment and credentials dropped;
 * - `utm_*`, `fbclid`, `gclid` and the other tracking parameters above removed;
 * - the remaining parameters sorted by name (a stable sort, so repeated names keep their order),
 *   each pair kept byte for byte as published: `?b=2&a=1` and `?a=1&b=2` are one page on every
 *   server we know of, while re-encoding values could change what some servers return.
 *
 * Path case and trailing slashes are kept: servers differ on both.
 */
export function canonicalUrl(raw: string | undefined, base?: string): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = base ? new URL(text, base) : new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);

  const query = url.search.slice(1);
  if (query) {
    const pairs = query
      .split('&')
      .filter((pair) => pair !== '' && !isTracking(pair.split('=', 1)[0]))
      .map((pair, index) => ({ pair, key: pair.split('=', 1)[0], index }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
    url.search = pairs.length > 0 ? `?${pairs.map((p) => p.pair).join('&')}` : '';
  }
  // `URL` keeps a bare `?` when search is set to an empty string on some inputs.
  return url.href.replace(/\?$/, '');
}

/** True for an absolute http(s) URL: how an RSS `<guid>` that is a permalink is recognised. */
export function isHttpUrl(value: string | undefined): boolean {
  return !!value && /^https?:\/\/[^\s/]+/i.test(value.trim());
}
