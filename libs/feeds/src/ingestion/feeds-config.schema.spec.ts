import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlConfig } from '@chipwatch/config';
import { feedDefinitions, feedsConfigSchema } from './feeds-config.schema';

const parse = (yaml: string) => parseYamlConfig(yaml, feedsConfigSchema, 'feeds.yaml');

describe('feeds.yaml schema', () => {
  it('accepts the shipped default list', () => {
    const feeds = feedDefinitions(parse(readFileSync(join(__dirname, '../../../../config/feeds.yaml'), 'utf8')));
    expect(feeds.length).toBeGreaterThanOrEqual(10);
    expect(new Set(feeds.map((feed) => feed.language))).toEqual(new Set(['en', 'de', 'pt', 'es', 'fr', 'ja', 'zh', 'ko']));
  });

  it('applies defaults and parses durations', () => {
    const [a, b] = feedDefinitions(
      parse(
        'defaults: { interval: 15m }\nfeeds:\n  - { id: a, url: "https://a.test/feed" }\n  - { id: b, url: "http://b.test/", interval: 1h30m, enabled: false }\n',
      ),
    );
    expect(a).toEqual({ id: 'a', url: 'https://a.test/feed', interval: 900_000, tags: [], enabled: true, language: undefined });
    expect(b).toMatchObject({ interval: 5_400_000, enabled: false });
  });

  it.each([
    ['feeds:\n  - { id: a, url: "https://a.test/", interval: 0s }\n', 'feeds.0.interval'],
    ['feeds:\n  - { id: a, url: "https://a.test/", interval: 25h }\n', 'feeds.0.interval'],
    ['feeds:\n  - { id: A_1, url: "https://a.test/" }\n', 'feeds.0.id'],
    ['feeds:\n  - { id: a, url: "ftp://a.test/" }\n', 'feeds.0.url'],
    ['feeds:\n  - { id: a, url: "https://a.test/" }\n  - { id: a, url: "https://b.test/" }\n', 'feeds.1.id'],
    ['feeds:\n  - { id: a, url: "https://a.test/", langauge: en }\n', 'feeds.0.langauge'],
  ])('rejects %j at %s', (yaml, key) => {
    expect(() => parse(yaml)).toThrow(new RegExp(`feeds\\.yaml:\\d+:\\d+: ${key.replace(/\./g, '\\.')}: `));
  });
});
