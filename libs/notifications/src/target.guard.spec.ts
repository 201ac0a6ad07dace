import type { LookupAddress } from 'node:dns';
import { DeliveryError } from './delivery.error';
import {
  assertPublicTarget,
  checkTargetUrl,
  classifyAddress,
  createGuardedLookup,
  HostResolver,
  isAllowedAddress,
  ResolvedAddress,
} from './target.guard';

/** An injected resolver: a fixed table, no DNS. */
function table(entries: Record<string, ResolvedAddress[]>): HostResolver {
  return async (hostname) => {
    const found = entries[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
}

async function refusal(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['fd00:ec2:0:0::254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['64:ff9b::a00:1', 'reserved'],
    ['2002:a00:1::', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['[2606:4700:4700::1111]', 'public'],
    ['::ffff:8.8.8.8', 'public'],
    ['example.com', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it('lets allowPrivate open loopback, private, link-local and CGNAT, but never metadata or multicast', () => {
    for (const ip of ['127.0.0.1', '::1', '10.0.0.1', '192.168.0.10', '169.254.1.1', '100.64.0.1', 'fd12::1']) {
      expect(isAllowedAddress(ip, false)).toBe(false);
      expect(isAllowedAddress(ip, true)).toBe(true);
    }
    for (const ip of ['169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '::', '224.0.0.1', '255.255.255.255', 'nope']) {
      expect(isAllowedAddress(ip, true)).toBe(false);
    }
    expect(isAllowedAddress('8.8.8.8')).toBe(true);
  });
});

describe('checkTargetUrl', () => {
  it.each(['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', 'http://'])(
    'refuses %s as an invalid target',
    (url) => {
      expect(() => checkTargetUrl(url)).toThrow(expect.objectContaining({ code: 'invalid-target' }) as Error);
    },
  );

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://[::1]/hook',
    'https://10.0.0.5/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://2130706433/', // 127.0.0.1 as one number
    'http://0x7f.1/', // 127.0.0.1 in hex, short form
    'http://017700000001/', // 127.0.0.1 in octal
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/', // 169.254.169.254, mapped
    'http://0.0.0.0:3000/',
    'http://localhost:3000/',
    'http://api.localhost/',
    'http://localhost./',
  ])('refuses %s', (url) => {
    expect(() => checkTargetUrl(url)).toThrow(expect.objectContaining({ code: 'ssrf-refused' }) as Error);
  });

  it('accepts public literals and host names (DNS is checked at connect time)', () => {
    expect(checkTargetUrl('https://93.184.216.34/hook').hostname).toBe('93.184.216.34');
    expect(checkTargetUrl('https://hooks.example.com/x').hostname).toBe('hooks.example.com');
  });

  it('accepts loopback with allowPrivate, and still refuses the metadata service', () => {
    expect(checkTargetUrl('http://127.0.0.1:1234/', { allowPrivate: true }).port).toBe('1234');
    expect(checkTargetUrl('http://localhost:1234/', { allowPrivate: true }).hostname).toBe('localhost');
    expect(() => checkTargetUrl('http://169.254.169.254/', { allowPrivate: true })).toThrow(
      expect.objectContaining({ code: 'ssrf-refused' }) as Error,
    );
  });

  it('never puts URL credentials or query tokens in its messages', () => {
    try {
      checkTargetUrl('http://alice:s3cret@127.0.0.1/hook?token=t0ps3cret');
      throw new Error('not refused');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/s3cret|t0ps3cret|alice/);
      expect((error as Error).message).toContain('127.0.0.1');
    }
  });
});

describe('assertPublicTarget', () => {
  const lookup = table({
    'hooks.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ],
    'rebind.example.com': [{ address: '127.0.0.1', family: 4 }],
    'mixed.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ],
    'metadata.example.com': [{ address: '169.254.169.254', family: 4 }],
    'v6-loop.example.com': [{ address: '::1', family: 6 }],
    'empty.example.com': [],
  });

  it('returns every address of a public host', async () => {
    const { url, addresses } = await assertPublicTarget('https://hooks.example.com/in', { lookup });
    expect(url.hostname).toBe('hooks.example.com');
    expect(addresses).toHaveLength(2);
  });

  it('refuses a host name that resolves to loopback', async () => {
    const error = await refusal(assertPublicTarget('https://rebind.example.com/in', { lookup }));
    expect(error.code).toBe('ssrf-refused');
    expect(error.message).toContain('rebind.example.com resolves to 127.0.0.1');
  });

  it('refuses when any one of the addresses is internal', async () => {
    expect((await refusal(assertPublicTarget('https://mixed.example.com/', { lookup }))).code).toBe('ssrf-refused');
    expect((await refusal(assertPublicTarget('https://v6-loop.example.com/', { lookup }))).code).toBe('ssrf-refused');
  });

  it('refuses the metadata service even with allowPrivate', async () => {
    const error = await refusal(assertPublicTarget('http://metadata.example.com/', { lookup, allowPrivate: true }));
    expect(error.code).toBe('ssrf-refused');
  });

  it('accepts internal addresses with allowPrivate', async () => {
    const { addresses } = await assertPublicTarget('http://rebind.example.com/', { lookup, allowPrivate: true });
    expect(addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });

  it('checks literals without a lookup', async () => {
    const never: HostResolver = () => Promise.reject(new Error('must not be called'));
    expect((await assertPublicTarget('http://93.184.216.34/', { lookup: never })).addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
    ]);
    expect((await refusal(assertPublicTarget('http://[::1]:8080/', { lookup: never }))).code).toBe('ssrf-refused');
  });

  it('reports resolver failures and empty answers as dns', async () => {
    const missing = await refusal(assertPublicTarget('https://nowhere.example.com/', { lookup }));
    expect(missing.code).toBe('dns');
    expect(missing.message).toContain('ENOTFOUND');
    expect((await refusal(assertPublicTarget('https://empty.example.com/', { lookup }))).code).toBe('dns');
  });
});

describe('createGuardedLookup (the connection-time check)', () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
  function call(
    lookup: ReturnType<typeof createGuardedLookup>,
    hostname: string,
    options: { all?: boolean; family?: number },
  ): Promise<Answer> {
    return new Promise((resolve) => {
      lookup(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) =>
        resolve({ error, address, family }),
      );
    });
  }

  const resolver = table({
    'public.test': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1:248:1893:25c8:1946', family: 6 },
    ],
    'evil.test': [{ address: '127.0.0.1', family: 4 }],
  });

  it('hands back checked addresses in the form asked for', async () => {
    const lookup = createGuardedLookup({ lookup: resolver });
    expect((await call(lookup, 'public.test', { all: true })).address).toHaveLength(2);
    expect(await call(lookup, 'public.test', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await call(lookup, 'public.test', { family: 6 })).toEqual({
      error: null,
      address: '2606:2800:220:1:248:1893:25c8:1946',
      family: 6,
    });
  });

  it('fails the connection for an internal address, with a typed error', async () => {
    const { error } = await call(createGuardedLookup({ lookup: resolver }), 'evil.test', { all: true });
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'ssrf-refused' });
  });

  it('lets internal addresses through with allowPrivate', async () => {
    const { error, address } = await call(createGuardedLookup({ lookup: resolver, allowPrivate: true }), 'evil.test', {});
    expect(error).toBeNull();
    expect(address).toBe('127.0.0.1');
  });

  it('turns resolver failures into dns errors', async () => {
    const { error } = await call(createGuardedLookup({ lookup: resolver }), 'missing.test', {});
    expect(error).toMatchObject({ code: 'dns' });
  });
});
