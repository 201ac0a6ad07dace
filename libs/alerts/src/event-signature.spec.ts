import { numberKey, placeDate, signatureOf } from './event-signature';
import { devStory } from './testing/dev-stories';

const at = (iso: string) => Date.parse(iso);

describe('event signature: dates placed by the publication time', () => {
  it.each([
    ['---15', undefined, '2020-05-16T02:00:00Z', '2020-05-15'],
    ['---28', undefined, '2025-03-01T08:00:00Z', '2025-02-28'],
    ['---02', undefined, '2025-02-27T08:00:00Z', '2025-03-02'],
    ['--12-01', undefined, '2025-10-09T07:00:00Z', '2025-12-01'],
    ['--12-20', undefined, '2026-01-05T00:00:00Z', '2025-12-20'],
    ['--10', -1, '2023-10-18T02:00:00Z', '2022-10'],
    ['--10', undefined, '2023-01-27T21:30:00Z', '2022-10'],
    ['2024-12', undefined, '2025-09-15T10:00:00Z', '2024-12'],
  ])('given %s (year offset %s) in a story published %s, then it is %s', (date, offset, published, placed) => {
    expect(placeDate(date, offset, at(published))).toBe(placed);
  });

  it('given "15日" in a Japanese and a Chinese version of one story, then both mean the same day', () => {
    const ja = signatureOf(devStory('CD-0004'))!;
    const zh = signatureOf(devStory('CD-0005'))!;
    expect(ja.facts).toContain('date:2020-05-15');
    expect(zh.facts).toContain('date:2020-05-15');
  });
});

describe('event signature: facts that do not depend on the language', () => {
  it('given amounts, then they keep their currency, and counts and durations meet by value', () => {
    expect(numberKey('USD', 1.5e9)).toBe('USD:1500000000');
    expect(numberKey('count', 36)).toBe('n:36');
    expect(numberKey('day', 120)).toBe('n:120');
    expect(numberKey('%', 0.1)).toBe('%:0.1');
  });

  it('given the YMTC listing in English, Korean, Chinese and German, then the canonical company is one fact in all four', () => {
    const facts = ['CD-0016', 'CD-0017', 'CD-0018', 'CD-0019'].map((id) => signatureOf(devStory(id))!.facts);
    for (const f of facts) expect(f).toContain('company:ymtc');
    expect(facts[1]).toEqual(expect.arrayContaining(['n:36', 'n:200']));
    expect(facts[2]).toEqual(expect.arrayContaining(['n:36', 'n:200']));
  });

  it('given Latin-script names in the title and lede, then they are kept folded, without function words or the entities’ own', () => {
    const signature = signatureOf(devStory('CD-0041'))!;
    expect(signature.names).toContain('mellanox');
    expect(signature.names).not.toContain('nvidia');
    expect(signature.names).not.toContain('the');
  });

  it('given a story without a classification (stored before signatures), then it has none', () => {
    expect(signatureOf({ title: 't', at: '2025-01-01T00:00:00Z' })).toBeUndefined();
  });
});
