import { describe, expect, it } from 'vitest';
import { exactUsd, formatUsd } from '@/lib/client/format-money';

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [0.000_123, '< $0.01'],
    [0.009_999, '< $0.01'],
    [0.01, '$0.01'],
    [0.423, '$0.42'],
    [0.425_1, '$0.43'],
    [12.5, '$12.50'],
    [1234.567, '$1,234.57'],
    [-0.5, '-$0.50'],
    [Number.NaN, '–'],
    [Number.POSITIVE_INFINITY, '–'],
  ])('%s → %s', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });
});

describe('exactUsd', () => {
  it.each([
    [0.000_123_45, '$0.00012345'],
    [0.5, '$0.5'],
    [2, '$2.00'],
    [0, '$0.00'],
  ])('%s → %s', (amount, expected) => {
    expect(exactUsd(amount)).toBe(expected);
  });
});
