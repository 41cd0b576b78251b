import { describe, expect, it } from 'vitest';
import { costUsd, isKnownModel, MODEL_NAMES, PRICES } from '@/lib/llm/prices';

describe('price table', () => {
  it('prices every model the product offers, offline at zero', () => {
    expect(MODEL_NAMES).toEqual(
      expect.arrayContaining(['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o4-mini', 'offline']),
    );
    expect(PRICES.offline).toEqual({ inputPerMTok: 0, cachedInputPerMTok: 0, outputPerMTok: 0 });
    for (const model of MODEL_NAMES) {
      const price = PRICES[model];
      // Cached input is never dearer than input, and every price has at most three decimals (exact costs).
      expect(price.cachedInputPerMTok).toBeLessThanOrEqual(price.inputPerMTok);
      for (const value of Object.values(price)) expect(Math.round(value * 1000)).toBeCloseTo(value * 1000, 9);
    }
  });

  it('knows only the listed models', () => {
    expect(isKnownModel('gpt-4o')).toBe(true);
    expect(isKnownModel('gpt-4o-2024-08-06')).toBe(false);
    expect(isKnownModel('toString')).toBe(false);
  });

  it.each([
    { model: 'gpt-4o-mini', usage: { input: 1200, cached: 200, output: 180 }, cost: (1000 * 0.15 + 200 * 0.075 + 180 * 0.6) / 1e6 },
    { model: 'gpt-4.1', usage: { input: 2000, cached: 1000, output: 500 }, cost: (1000 * 2 + 1000 * 0.5 + 500 * 8) / 1e6 },
    { model: 'gpt-5-nano', usage: { input: 1, cached: 0, output: 0 }, cost: 0.05 / 1e6 },
    { model: 'o4-mini', usage: { input: 1_000_000, cached: 1_000_000, output: 1_000_000 }, cost: 0.275 + 4.4 },
    { model: 'offline', usage: { input: 500, cached: 0, output: 90 }, cost: 0 },
  ] as const)('$model: (input − cached) × in + cached × cached-in + output × out, per million', ({ model, usage, cost }) => {
    expect(costUsd(usage, PRICES[model])).toBeCloseTo(cost, 12);
  });

  it('is exact to the nano-dollar, as stored (numeric(18, 9))', () => {
    expect(costUsd({ input: 1200, cached: 200, output: 180 }, PRICES['gpt-4o-mini']).toFixed(9)).toBe('0.000273000');
    expect(costUsd({ input: 7, cached: 3, output: 1 }, PRICES['gpt-5-nano']).toFixed(9)).toBe('0.000000615');
  });

  it('never counts more cached tokens than input tokens', () => {
    expect(costUsd({ input: 10, cached: 50, output: 0 }, PRICES['gpt-4o'])).toBeCloseTo((10 * 1.25) / 1e6, 12);
  });
});
