import { describe, expect, it } from 'vitest';
import { formatAxis, formatDay, formatMetric, formatRange, summarizeDays, summarizeModels } from '@/lib/client/format-stats';

const day = (date: string, runs: number, tokens = 0, costUsd = 0) => ({ day: date, runs, approved: 0, rated: 0, approvalRate: null, tokens, costUsd });

describe('dashboard chart wording', () => {
  it('reads a UTC day as that day, short on the axis and long in a tooltip', () => {
    expect(formatDay('2026-12-01')).toBe('Dec 1');
    expect(formatDay('2026-12-01', 'long')).toBe('Tue, Dec 1, 2026');
    expect(formatDay('2028-02-29', 'long')).toBe('Tue, Feb 29, 2028');
  });

  it('names a range once per year', () => {
    expect(formatRange('2026-11-02', '2026-12-01')).toBe('Nov 2 – Dec 1, 2026');
    expect(formatRange('2025-12-02', '2026-12-01')).toBe('Dec 2, 2025 – Dec 1, 2026');
    expect(formatRange('2026-12-01', '2026-12-01')).toBe('Tue, Dec 1, 2026');
  });

  it('gives exact values with units, and money as people read it', () => {
    expect(formatMetric('runs', 1)).toBe('1 run');
    expect(formatMetric('runs', 0)).toBe('0 runs');
    expect(formatMetric('tokens', 12345)).toBe('12,345 tokens');
    expect(formatMetric('costUsd', 0.0004)).toBe('< $0.01');
    expect(formatMetric('costUsd', 0.42)).toBe('$0.42');
  });

  it('keeps axis ticks short and fractions of a cent distinct', () => {
    expect(formatAxis('tokens', 12_500)).toBe('12.5K');
    expect(formatAxis('runs', 3)).toBe('3');
    expect(formatAxis('costUsd', 0)).toBe('$0');
    expect(formatAxis('costUsd', 0.00015)).toBe('$0.00015');
    expect(formatAxis('costUsd', 0.0002)).toBe('$0.0002');
    expect(formatAxis('costUsd', 0.3)).toBe('$0.30');
    expect(formatAxis('costUsd', 0.45)).toBe('$0.45');
    expect(formatAxis('costUsd', 1.25)).toBe('$1.25');
    expect(formatAxis('costUsd', 15)).toBe('$15');
    expect(formatAxis('costUsd', 1500)).toBe('$1.5K');
  });

  it('summarises the days: total, busiest day and empty days', () => {
    const days = [day('2026-11-30', 0), day('2026-12-01', 3, 900), day('2026-12-02', 1, 100)];
    expect(summarizeDays(days, 'runs')).toBe('4 runs in total over 3 days, Nov 30 – Dec 2, 2026; the most on Tue, Dec 1, 2026 (3 runs); 1 day with none.');
    expect(summarizeDays(days.slice(1), 'tokens')).toBe('1,000 tokens in total over 2 days, Dec 1 – Dec 2, 2026; the most on Tue, Dec 1, 2026 (900 tokens).');
    expect(summarizeDays([day('2026-12-01', 0), day('2026-12-02', 0)], 'costUsd')).toBe('$0.00 on every day, Dec 1 – Dec 2, 2026.');
  });

  it('summarises the models in order', () => {
    expect(
      summarizeModels(
        [
          { model: 'gpt-4o-mini', runs: 3, tokens: 75, costUsd: 0.0006 },
          { model: 'gpt-4o', runs: 1, tokens: 1500, costUsd: 0.42 },
        ],
        'costUsd',
      ),
    ).toBe('gpt-4o-mini: < $0.01; gpt-4o: $0.42');
  });
});
