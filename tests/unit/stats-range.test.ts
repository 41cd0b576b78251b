import { describe, expect, it } from 'vitest';
import { addDays, daysSpanned, lastDays, MAX_RANGE_DAYS, resolveRange, todayUtc } from '@/lib/runs/stats-range';

describe('stats date ranges (whole UTC days, both ends included)', () => {
  it('reads today in UTC, whatever the local clock says', () => {
    expect(todayUtc(new Date('2026-12-01T23:59:59.999Z'))).toBe('2026-12-01');
    expect(todayUtc(new Date('2026-12-02T00:00:00+01:00'))).toBe('2026-12-01');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('counts the days a range spans, both ends included', () => {
    expect(daysSpanned('2026-05-10', '2026-05-10')).toBe(1);
    expect(daysSpanned('2026-05-10', '2026-05-11')).toBe(2);
    expect(daysSpanned('2026-05-11', '2026-05-10')).toBe(0);
    // Daylight saving does not exist in UTC: no 23- or 25-hour days shift the count.
    expect(daysSpanned('2026-03-01', '2026-03-31')).toBe(31);
    expect(daysSpanned('2028-01-01', '2028-12-31')).toBe(366);
  });

  it('the last n days end today and span n days', () => {
    expect(lastDays(1, '2026-03-01')).toEqual({ from: '2026-03-01', to: '2026-03-01', days: 1 });
    expect(lastDays(3, '2026-03-01')).toEqual({ from: '2026-02-27', to: '2026-03-01', days: 3 });
  });

  it('days counts back from today, today included', () => {
    expect(resolveRange({ days: 1 }, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-12-01', to: '2026-12-01', days: 1 } });
    expect(resolveRange({ days: 7 }, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-11-25', to: '2026-12-01', days: 7 } });
  });

  it('defaults to the last 30 days, a missing to to today and a missing from to 30 days before to', () => {
    expect(resolveRange({}, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-11-02', to: '2026-12-01', days: 30 } });
    expect(resolveRange({ from: '2026-11-20' }, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-11-20', to: '2026-12-01', days: 12 } });
    expect(resolveRange({ to: '2026-03-31' }, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-03-02', to: '2026-03-31', days: 30 } });
  });

  it(`allows exactly ${MAX_RANGE_DAYS} days and refuses one more, saying how long the range is`, () => {
    expect(resolveRange({ from: '2026-01-01', to: '2027-01-01' }, '2026-12-01')).toEqual({ ok: true, range: { from: '2026-01-01', to: '2027-01-01', days: 366 } });
    expect(resolveRange({ from: '2026-01-01', to: '2027-01-02' }, '2026-12-01')).toEqual({
      ok: false,
      field: 'to',
      message: 'the range may span at most 366 days; 2026-01-01 to 2027-01-02 spans 367',
    });
    expect(resolveRange({ from: '2020-01-01' }, '2026-12-01')).toMatchObject({ ok: false, field: 'to', message: /spans 2,527$/ });
  });

  it('refuses a range that ends before it starts, and days mixed with from/to', () => {
    expect(resolveRange({ from: '2026-05-11', to: '2026-05-10' }, '2026-12-01')).toEqual({ ok: false, field: 'from', message: 'must be on or before to (2026-05-10)' });
    expect(resolveRange({ days: 7, to: '2026-05-10' }, '2026-12-01')).toEqual({ ok: false, field: 'days', message: 'give either days or from/to, not both' });
    expect(resolveRange({ days: 7, from: '2026-05-10' }, '2026-12-01')).toMatchObject({ ok: false, field: 'days' });
  });
});
