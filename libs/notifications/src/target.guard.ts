import * as dns from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import * as ipaddr from 'ipaddr.js';
import { DeliveryError } from './delivery.error';
import { redactUrl } from './url.redaction';

/**
 * Server-side request forgery guard for subscriber-supplied URLs (webhooks, Slack). A subscriber
 * must not be able to make chipwatch call its own admin ports, the cloud metadata service or
 * anything else on the internal network, nor read the answer back from a delivery record.
 *
 * Two checks: `assertPublicTarget` when a subscription is created (resolving every address), and
 * `createGuardedLookup` as the connection's DNS lookup at delivery, so the address connected to
 * is the address checked: a DNS answer that changes between the two (rebinding) is checked again
 * and cannot slip through.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to; a seam for tests and custom resolvers. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TargetGuardOptions {
  /**
   * Accept loopback, private (RFC 1918, fc00::/7), link-local and CGNAT targets: for receivers on
   * the same host or LAN (and tests). Cloud metadata endpoints, unspecified, multicast and
   * broadcast addresses stay refused even so: no receiver lives there, and the metadata service
   * hands out credentials.
   * @defaultValue false
   */
  allowPrivate?: boolean;
  /**
   * Resolves host names; every address it returns must pass.
   * @defaultValue the system resolver (`dns.lookup` with `all: true`)
   */
  lookup?: HostResolver;
}

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'reserved'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'invalid';

/** Allowed only with `allowPrivate`. */
const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'link-local', 'cgnat', 'unique-local', 'reserved']);

/**
 * Instance metadata and credential endpoints of the major clouds (AWS/GCP/Azure/OpenStack,
 * AWS IPv6, AWS ECS task credentials, Alibaba). Refused even with `allowPrivate`.
 */
const METADATA_ADDRESSES: ReadonlySet<string> = new Set(
  ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'].map((a) => canonicalOf(ipaddr.parse(a))),
);

/** One spelling per address, so `fd00:ec2:0::254` and `fd00:ec2::254` compare equal. */
function canonicalOf(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  return address.kind() === 'ipv6' ? (address as ipaddr.IPv6).toNormalizedString() : address.toString();
}

const IPV4_CLASSES: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private',
  unicast: 'public',
};

const IPV6_CLASSES: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'private',
  unicast: 'public',
};

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * What kind of address `ip` is. Ranges come from ipaddr.js; whatever it does not call plain
 * unicast (documentation, benchmarking, 6to4, Teredo, NAT64 and other transition ranges that can
 * tunnel to an internal IPv4 address) is `reserved`, and so is IPv6 outside 2000::/3 (e.g. the
 * deprecated IPv4-compatible ::a.b.c.d). IPv4-mapped IPv6 is judged by its IPv4 address.
 */
export function classifyAddress(ip: string): AddressClass {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIP(bare) === 0 || !ipaddr.isValid(bare)) return 'invalid';
  let parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (METADATA_ADDRESSES.has(canonicalOf(parsed))) return 'metadata';
  const range = parsed.range();
  if (parsed.kind() === 'ipv4') return IPV4_CLASSES[range] ?? 'reserved';
  const cls = IPV6_CLASSES[range] ?? 'reserved';
  if (cls === 'public' && !(parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) return 'reserved';
  return cls;
}

/** Whether a connection to `ip` is allowed under `allowPrivate`. */
export function isAllowedAddress(ip: string, allowPrivate = false): boolean {
  const cls = classifyAddress(ip);
  return cls === 'public' || (allowPrivate && PRIVATE_CLASSES.has(cls));
}

function refusal(url: URL | undefined, host: string, address: string): DeliveryError {
  const cls = classifyAddress(address);
  const where = url ? redactUrl(url.href) : host;
  const via = address === host ? '' : ` (${host} resolves to ${address})`;
  return new DeliveryError('ssrf-refused', `refused ${where}: ${cls} address${via} is not a public target`);
}

function hostOf(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

/**
 * Parses and checks a target URL without DNS: http or https, a host, and, when the host is an IP
 * literal (which the connection's lookup never sees), an allowed address. The WHATWG parser has
 * already turned `http://2130706433/` and `http://0x7f.1/` into `127.0.0.1`.
 */
export function checkTargetUrl(target: string | URL, options: Pick<TargetGuardOptions, 'allowPrivate'> = {}): URL {
  let url: URL;
  try {
    url = typeof target === 'string' ? new URL(target) : target;
  } catch {
    throw new DeliveryError('invalid-target', `not a URL: ${redactUrl(String(target))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DeliveryError('invalid-target', `only http and https targets are supported, not ${url.protocol}`);
  }
  const host = hostOf(url);
  if (host === '') throw new DeliveryError('invalid-target', `no host in ${redactUrl(url.href)}`);
  if (isIP(host) !== 0) {
    if (!isAllowedAddress(host, options.allowPrivate)) throw refusal(url, host, host);
  } else if (!options.allowPrivate && /(^|\.)localhost\.?$/i.test(host)) {
    // RFC 6761: these always mean this machine, whatever a resolver says.
    throw new DeliveryError('ssrf-refused', `refused ${redactUrl(url.href)}: localhost is not a public target`);
  }
  return url;
}

const systemResolver: HostResolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function dnsFailure(host: string, cause: unknown): DeliveryError {
  const code = (cause as { code?: unknown })?.code;
  return new DeliveryError('dns', `could not resolve ${host}${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
}

/**
 * Checks a subscriber's URL when it is saved: scheme, host, and every address the host resolves
 * to. Throws `DeliveryError` (`invalid-target`, `ssrf-refused` or `dns`).
 */
export async function assertPublicTarget(
  target: string | URL,
  options: TargetGuardOptions = {},
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = checkTargetUrl(target, options);
  const host = hostOf(url);
  const literal = isIP(host);
  if (literal !== 0) return { url, addresses: [{ address: host, family: literal === 6 ? 6 : 4 }] };
  let addresses: ResolvedAddress[];
  try {
    addresses = await (options.lookup ?? systemResolver)(host);
  } catch (error) {
    throw dnsFailure(host, error);
  }
  if (addresses.length === 0) throw new DeliveryError('dns', `${host} has no addresses`);
  for (const { address } of addresses) {
    if (!isAllowedAddress(address, options.allowPrivate)) throw refusal(url, host, address);
  }
  return { url, addresses };
}

/**
 * A `lookup` for undici's `connect` options (it reaches `net.connect`/`tls.connect`): resolves,
 * refuses the connection if any address is not allowed, and hands the checked addresses to the
 * socket. TLS still verifies the certificate against the host name, as the URL names it.
 */
export function createGuardedLookup(options: TargetGuardOptions = {}): LookupFunction {
  const resolve = options.lookup;
  return (hostname, lookupOptions, callback) => {
    const family = lookupOptions?.family === 4 || lookupOptions?.family === 6 ? lookupOptions.family : undefined;
    const resolved: Promise<ResolvedAddress[]> = resolve
      ? resolve(hostname).then((all) => (family ? all.filter((a) => a.family === family) : all))
      : dns.promises
          .lookup(hostname, { ...lookupOptions, all: true })
          .then((all) => all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    resolved.then(
      (addresses) => {
        if (addresses.length === 0) return callback(new DeliveryError('dns', `${hostname} has no addresses`), '', 0);
        const refused = addresses.find((a) => !isAllowedAddress(a.address, options.allowPrivate));
        if (refused) return callback(refusal(undefined, hostname, refused.address), '', 0);
        if (lookupOptions?.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: unknown) => callback(dnsFailure(hostname, error), '', 0),
    );
  };
}
