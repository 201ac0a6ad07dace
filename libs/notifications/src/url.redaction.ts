/**
 * Webhook URLs are bearer credentials: a Slack incoming-webhook URL is its own secret, and
 * receivers often put tokens in the path, the query or the userinfo. Anything shown in the API,
 * logged or written to a delivery record goes through `redactUrl`.
 */

const MASK = '***';

/**
 * Path segments that look like generated tokens rather than names: long, and mixing at least two
 * of lower case, upper case and digits (`chipwatch-alerts-production` stays readable).
 */
function looksLikeToken(segment: string): boolean {
  if (segment.length < 20) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((re) => re.test(segment)).length;
  return classes >= 2;
}

function isSlackHost(host: string): boolean {
  return host === 'hooks.slack.com' || host.endsWith('.slack.com') || host === 'hooks.slack-gov.com';
}

/**
 * A display form of `url` with credentials hidden: userinfo, every query value, the fragment,
 * the secret (last) segment of a Slack webhook path, and other token-like path segments.
 * Ids that help a user recognise the target (host, Slack team and channel ids) stay visible.
 * An unparseable input gives a fixed placeholder rather than echoing it.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '[invalid URL]';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol}${MASK}`;
  const userinfo = parsed.username !== '' || parsed.password !== '' ? `${MASK}@` : '';
  const segments = parsed.pathname.split('/');
  const slack = isSlackHost(parsed.hostname);
  const path = segments
    .map((segment, i) => {
      if (segment === '') return segment;
      // /services/T…/B…/<secret>, /workflows/…/<secret>: the last segment is the credential, on
      // Slack and on Slack-compatible receivers that copy its URL layout.
      if ((slack || segments[1] === 'services') && i === segments.length - 1 && i >= 3) return MASK;
      return looksLikeToken(segment) ? MASK : segment;
    })
    .join('/');
  const query = [...parsed.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=${MASK}`).join('&');
  return `${parsed.protocol}//${userinfo}${parsed.host}${path}${query ? `?${query}` : ''}`;
}
