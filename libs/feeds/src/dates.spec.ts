import { parseFeedDate, resolvePublishedAt } from './dates';

const iso = (raw: string) => parseFeedDate(raw)?.toISOString();

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 / 1123 and their relatives
    ['Mon, 02 Jun 2025 09:30:00 GMT', '2025-06-02T09:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30:00 +0200', '2025-06-02T07:30:00.000Z'],
    ['Mon, 2 Jun 2025 09:30:00 -0700', '2025-06-02T16:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30 EST', '2025-06-02T14:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30:00 PDT', '2025-06-02T16:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30:00 CEST', '2025-06-02T07:30:00.000Z'],
    ['02 Jun 2025 09:30:00 UT', '2025-06-02T09:30:00.000Z'],
    ['Mon, 02 Jun 25 09:30:00 GMT', '2025-06-02T09:30:00.000Z'],
    ['Mon, 02 Jun 99 09:30:00 GMT', '1999-06-02T09:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30:00 +0000 (UTC)', '2025-06-02T09:30:00.000Z'],
    ['Mon, 02 Jun 2025 09:30:00 +05:30', '2025-06-02T04:00:00.000Z'],
    ['Monday, 02-Jun-25 09:30:00 GMT', '2025-06-02T09:30:00.000Z'], // RFC 850
    ['Mon Jun  2 09:30:00 2025', '2025-06-02T09:30:00.000Z'], // asctime
    ['Tue, 2 June 2025 9:30:00 GMT', '2025-06-02T09:30:00.000Z'], // wrong weekday, long month, 1-digit hour
    ['June 2, 2025 9:30 pm', '2025-06-02T21:30:00.000Z'],
    ['2nd June 2025', '2025-06-02T00:00:00.000Z'],
    ['Seg, 02 Jun 2025 09:30:00 -0300', '2025-06-02T12:30:00.000Z'], // Portuguese weekday
    ['2 de junho de 2025 09:30', '2025-06-02T09:30:00.000Z'],
    ['lun., 2 déc. 2024 10:00:00 +0100', '2024-12-02T09:00:00.000Z'],
    ['Di, 03 Dez 2024 10:00:00 +0100', '2024-12-03T09:00:00.000Z'],
    // RFC 3339 / ISO 8601
    ['2025-06-02T09:30:00Z', '2025-06-02T09:30:00.000Z'],
    ['2025-06-02T09:30:00.123456+02:00', '2025-06-02T07:30:00.123Z'],
    ['2025-06-02t09:30:00z', '2025-06-02T09:30:00.000Z'],
    ['2025-06-02 09:30:00', '2025-06-02T09:30:00.000Z'], // zone-less means UTC, never local time
    ['2025-06-02T09:30', '2025-06-02T09:30:00.000Z'],
    ['2025-06-02T09:30:00+0530', '2025-06-02T04:00:00.000Z'],
    ['2025-06-02', '2025-06-02T00:00:00.000Z'],
    ['2025/06/02 09:30', '2025-06-02T09:30:00.000Z'],
    ['  2025-06-02T09:30:00Z \n', '2025-06-02T09:30:00.000Z'],
    ['1748856600', '2025-06-02T09:30:00.000Z'], // Unix seconds
  ])('reads %p', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['yesterday'],
    ['2 hours ago'],
    ['2025-13-01T00:00:00Z'],
    ['2025-02-30'],
    ['31 Apr 2025'],
    ['Mon, 02 Foo 2025 09:30:00 GMT'],
    ['1970-01-01T00:00:00Z'],
    ['12/06/2025'], // day/month order is a guess: refuse
  ])('refuses %p', (raw) => {
    expect(parseFeedDate(raw)).toBeUndefined();
  });

  it('refuses non-strings', () => {
    expect(parseFeedDate(undefined)).toBeUndefined();
    expect(parseFeedDate(null)).toBeUndefined();
  });
});

describe('resolvePublishedAt', () => {
  const now = new Date('2025-06-10T12:00:00Z');

  it('uses the feed date when it reads', () => {
    expect(resolvePublishedAt('Mon, 02 Jun 2025 09:30:00 GMT', now)).toBe('2025-06-02T09:30:00.000Z');
  });

  it('falls back to the first-seen time', () => {
    expect(resolvePublishedAt(undefined, now)).toBe(now.toISOString());
    expect(resolvePublishedAt('garbage', now)).toBe(now.toISOString());
  });

  it('takes a date more than a day ahead for a broken clock', () => {
    expect(resolvePublishedAt('2025-06-11T11:00:00Z', now)).toBe('2025-06-11T11:00:00.000Z');
    expect(resolvePublishedAt('2030-01-01T00:00:00Z', now)).toBe(now.toISOString());
  });
});
