import { fromBullJobId, toBullJobId } from './bullmq-queue.adapter';

describe('BullMQ job id mapping', () => {
  const ids = [
    'poll-feed:f1:2026-11-29T10:00:00.000Z',
    'poll-feed:f1:slot1',
    'a:b',
    'a%3Ab',
    'a%b',
    '%',
    '42',
    '-7',
    '0',
    '3.5',
    '4a',
    'plain-id',
    '2d4f8a1e-uuid',
    'ünïcode:✓',
  ];

  it.each(ids)('maps %s to an id BullMQ accepts, and back', (id) => {
    const bullId = toBullJobId(id);
    expect(bullId).not.toContain(':');
    expect(`${parseInt(bullId, 10)}`).not.toBe(bullId);
    expect(fromBullJobId(bullId)).toBe(id);
  });

  it('keeps distinct ids distinct and plain ids unchanged', () => {
    expect(new Set(ids.map(toBullJobId)).size).toBe(ids.length);
    expect(toBullJobId('plain-id')).toBe('plain-id');
  });

  it('refuses an empty id', () => {
    expect(() => toBullJobId('')).toThrow(/empty/);
  });
});
