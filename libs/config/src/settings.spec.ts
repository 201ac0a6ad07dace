import { loadSettings, SettingsError } from './settings';

describe('loadSettings', () => {
  it('applies the embedded defaults', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({ port: 3000, host: '127.0.0.1', mode: 'embedded', apiKeys: [], logLevel: 'info' });
    expect(settings.configDir).toMatch(/config$/);
    expect(settings.webhookAllowPrivate).toBe(false);
  });

  it('parses keys, flags and distributed mode', () => {
    const settings = loadSettings({
      CHIPWATCH_API_KEYS: ' aaaaaaaaaaaaaaaa , bbbbbbbbbbbbbbbb ',
      CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1',
      DATABASE_URL: 'postgres://localhost/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(settings.apiKeys).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    expect(settings.webhookAllowPrivate).toBe(true);
    expect(settings.mode).toBe('distributed');
  });

  it('reads the per-process job concurrency of each queue', () => {
    expect(loadSettings({}).concurrency).toEqual({ poll: 32, classify: 4, deliver: 32 });
    const settings = loadSettings({
      CHIPWATCH_POLL_CONCURRENCY: '8',
      CHIPWATCH_CLASSIFY_CONCURRENCY: '2',
      CHIPWATCH_DELIVERY_CONCURRENCY: '64',
    });
    expect(settings.concurrency).toEqual({ poll: 8, classify: 2, deliver: 64 });
    expect(() => loadSettings({ CHIPWATCH_CLASSIFY_CONCURRENCY: '0' })).toThrow(/CHIPWATCH_CLASSIFY_CONCURRENCY/);
  });

  it('names the variable and what it expected', () => {
    expect(() => loadSettings({ PORT: 'eighty' })).toThrow(/PORT: .*number/);
    expect(() => loadSettings({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: expected a URL starting with postgres:\/\//);
    expect(() => loadSettings({ LOG_LEVEL: 'loud' })).toThrow(SettingsError);
  });

  it('refuses a non-loopback HOST without API keys and says how to set them', () => {
    expect(() => loadSettings({ HOST: '0.0.0.0' })).toThrow(/CHIPWATCH_API_KEYS/);
    expect(loadSettings({ HOST: '0.0.0.0', CHIPWATCH_API_KEYS: 'k'.repeat(20) }).host).toBe('0.0.0.0');
    expect(loadSettings({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('refuses REDIS_URL without DATABASE_URL', () => {
    expect(() => loadSettings({ REDIS_URL: 'redis://127.0.0.1' })).toThrow(/DATABASE_URL/);
  });
});
