import { alertId, throttleWindowKey, throttleWindowStart } from './alert-id';

describe('alert ids', () => {
  it('are derived: the same rule and cluster always give the same 24-hex id', () => {
    expect(alertId('new-restrictions', 'c1')).toBe(alertId('new-restrictions', 'c1'));
    expect(alertId('new-restrictions', 'c1')).toMatch(/^[0-9a-f]{24}$/);
  });

  it('differ by rule, by cluster and by throttle window', () => {
    const ids = new Set([alertId('a', 'c1'), alertId('b', 'c1'), alertId('a', 'c2'), alertId('a', 'c1', 0), alertId('a', 'c1', 1)]);
    expect(ids.size).toBe(5);
  });

  it('throttle windows are fixed, epoch-aligned buckets of the throttle length', () => {
    const sixHours = 6 * 3_600_000;
    expect(throttleWindowKey(null, '2025-04-15T10:00:00Z')).toBeNull();
    expect(throttleWindowKey(sixHours, '2025-04-15T06:00:00Z')).toBe(throttleWindowKey(sixHours, '2025-04-15T11:59:59.999Z'));
    expect(throttleWindowKey(sixHours, '2025-04-15T12:00:00Z')).toBe(throttleWindowKey(sixHours, '2025-04-15T06:00:00Z')! + 1);
    expect(throttleWindowStart(sixHours, throttleWindowKey(sixHours, '2025-04-15T10:00:00Z')!)).toBe('2025-04-15T06:00:00.000Z');
  });
});
