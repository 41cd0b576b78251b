import { describe, expect, it } from 'vitest';
import { limitExceeded } from '@/lib/usage/limit-exceeded';
import { refusalReason, voiceDuration } from '@/lib/usage/limit-reason';
import { limitsBlock } from '@/lib/usage/limits-block';
import { resetsAt } from '@/lib/usage/resets-at';

describe('resetsAt', () => {
  it.each([
    ['2026-12-01', 'month', '2027-01-01T00:00:00.000Z'],
    ['2026-02-01', 'month', '2026-03-01T00:00:00.000Z'],
    ['2026-12-31', 'day', '2027-01-01T00:00:00.000Z'],
    ['2028-02-28', 'day', '2028-02-29T00:00:00.000Z'],
    ['2026-06-15', 'day', '2026-06-16T00:00:00.000Z'],
  ] as const)('%s (%s) → %s', (start, period, expected) => {
    expect(resetsAt(start, period)).toBe(expected);
  });
});

describe('voiceDuration', () => {
  it.each([
    [0, '0 s'],
    [45, '45 s'],
    [60, '1 min'],
    [125, '2 min 5 s'],
    [7200, '120 min'],
    [72_000, '1,200 min'],
  ])('%i s → %s', (seconds, expected) => {
    expect(voiceDuration(seconds)).toBe(expected);
  });
});

describe('limitExceeded, the one 429 of every metric', () => {
  it('builds the body fields from the refusal row, with the daily reset for the daily cap', () => {
    const error = limitExceeded({ ok: false, metric: 'daily_tokens', used: '199000', quota: '200000', period: '2026-12-31' }, 5000);
    expect(error.status).toBe(429);
    expect(error.extra).toEqual({ current: 199_000, limit: 200_000, remaining: 1000, metricType: 'daily_tokens', resetsAt: '2027-01-01T00:00:00.000Z' });
    expect(error.message).toMatch(/^This run may use up to 5,000 tokens and 1,000 of your plan's daily cap of 200,000 tokens are left today\./);
  });

  it('never answers a negative remaining when a counter is above its limit', () => {
    const error = limitExceeded({ ok: false, metric: 'exports', used: '7', quota: '5', period: '2026-12-01' }, 1);
    expect(error.extra).toMatchObject({ current: 7, limit: 5, remaining: 0 });
    expect(error.message).toBe('You have used all 5 exports of this month. The limit resets on 2027-01-01.');
  });

  it('says voice is a premium feature when the plan has none', () => {
    expect(refusalReason('voice_seconds', { amount: 3, remaining: 0, limit: 0, resetsAt: '2027-01-01T00:00:00.000Z' })).toMatch(/premium feature/);
  });
});

describe('limitsBlock', () => {
  it('renders a row per metric and a column per tier, between the markers', () => {
    const block = limitsBlock([
      { tier: 'free', limits: [{ metricType: 'runs', period: 'month', limit: 100 }, { metricType: 'voice_seconds', period: 'month', limit: 0 }] },
      { tier: 'pro', limits: [{ metricType: 'runs', period: 'month', limit: 1000 }, { metricType: 'voice_seconds', period: 'month', limit: 90 }] },
      { tier: 'enterprise', limits: [{ metricType: 'runs', period: 'month', limit: null }, { metricType: 'voice_seconds', period: 'month', limit: null }] },
    ]);
    expect(block.split('\n')).toEqual([
      '<!-- limits:start -->',
      expect.stringMatching(/^<!-- Generated from public\.plan_limits/),
      '| Limit | Per | Free | Pro | Enterprise |',
      '|---|---|---|---|---|',
      '| Runs | calendar month (UTC) | 100 | 1,000 | unlimited |',
      '| Voice input | calendar month (UTC) | not included | 1 min 30 s | unlimited |',
      '<!-- limits:end -->',
    ]);
  });
});
