import { HostLimiter } from './host-limiter';

describe('HostLimiter', () => {
  it('runs at most `limit` jobs per host and lets other hosts through', async () => {
    const limiter = new HostLimiter(2);
    const releases: (() => void)[] = [];
    const started: string[] = [];
    const job = (url: string) =>
      limiter.run(url, () => {
        started.push(url);
        return new Promise<void>((resolve) => releases.push(resolve));
      });
    const all = [job('http://slow.test/a'), job('http://slow.test/b'), job('http://slow.test/c'), job('http://fast.test/x')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['http://slow.test/a', 'http://slow.test/b', 'http://fast.test/x']);
    expect(limiter.running('http://slow.test/')).toBe(2);
    releases[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toContain('http://slow.test/c');
    releases.slice(1).forEach((release) => release());
    await new Promise((resolve) => setImmediate(resolve));
    releases.forEach((release) => release());
    await Promise.all(all);
    expect(limiter.running('http://slow.test/')).toBe(0);
  });
});
