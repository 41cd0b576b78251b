import { describe, expect, it } from 'vitest';
import { formatAxis, formatDay, formatMetric, formatRange, summarizeDays, summarizeModels } from '@/lib/client/format-stats';

const row = (runs: number, tokens = 0, costUsd = 0, approved = 0, rated = 0) => ({
  runs,
  approved,
  rated,
  approvalRate: rated === 0 ? null : approved / rated,
  tokens,
  costUsd,
});
const day = (date: string, ...figures: Parameters<typeof row>) => ({ day: date, ...row(...figures) });

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
    expect(formatMetric('runs', row(1))).toBe('1 run');
    expect(formatMetric('runs', row(0))).toBe('0 runs');
    expect(formatMetric('tokens', row(2, 12345))).toBe('12,345 tokens');
    expect(formatMetric('costUsd', row(1, 10, 0.0004))).toBe('< $0.01');
    expect(formatMetric('costUsd', row(1, 10, 0.42))).toBe('$0.42');
  });

  it('gives an approval rate with what it counts, and says when nothing was rated', () => {
    expect(formatMetric('approvalRate', row(3, 0, 0, 2, 3))).toBe('2 of 3 rated runs approved (67%)');
    expect(formatMetric('approvalRate', row(1, 0, 0, 1, 1))).toBe('1 of 1 rated run approved (100%)');
    expect(formatMetric('approvalRate', row(4))).toBe('no rated runs');
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
    expect(formatAxis('approvalRate', 0.75)).toBe('75%');
  });

  it('summarises the days: total, busiest day and empty days', () => {
    const days = [day('2026-11-30', 0), day('2026-12-01', 3, 900, 0, 2, 2), day('2026-12-02', 1, 100, 0, 0, 1)];
    expect(summarizeDays(days, 'runs')).toBe('4 runs in total over 3 days, Nov 30 – Dec 2, 2026; the most on Tue, Dec 1, 2026 (3 runs); 1 day with none.');
    expect(summarizeDays(days.slice(1), 'tokens')).toBe('1,000 tokens in total over 2 days, Dec 1 – Dec 2, 2026; the most on Tue, Dec 1, 2026 (900 tokens).');
    expect(summarizeDays([day('2026-12-01', 0), day('2026-12-02', 0)], 'costUsd')).toBe('$0.00 on every day, Dec 1 – Dec 2, 2026.');
    expect(summarizeDays(days, 'approvalRate')).toBe(
      '2 of 3 rated runs approved (67%) over 3 days, Nov 30 – Dec 2, 2026; the highest on Tue, Dec 1, 2026 (100%); 2 days without an approved run.',
    );
    expect(summarizeDays([day('2026-12-01', 2)], 'approvalRate')).toBe('No rated runs over 1 day, Tue, Dec 1, 2026.');
  });

  it('summarises the models in order', () => {
    expect(
      summarizeModels(
        [
          { model: 'gpt-4o-mini', ...row(3, 75, 0.0006) },
          { model: 'gpt-4o', ...row(1, 1500, 0.42) },
        ],
        'costUsd',
      ),
    ).toBe('gpt-4o-mini: < $0.01; gpt-4o: $0.42');
  });
});
