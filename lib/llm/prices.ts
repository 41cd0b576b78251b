import type { Price } from '@/lib/zod/schemas/runs';

/**
 * USD per million tokens (input, cached input, output), from OpenAI's published standard-tier
 * prices. A run stores the price it was charged at, so changing a row here never rewrites the cost
 * of past runs. Every price has at most three decimals, so a cost is a whole number of
 * 1e-9 dollars and is stored exactly (agent_runs.cost_usd is numeric(18, 9)).
 *
 * Only models listed here can be run: a model without a price could not be metered.
 */
export const PRICES = {
  'gpt-4o-mini': { inputPerMTok: 0.15, cachedInputPerMTok: 0.075, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, cachedInputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-4.1': { inputPerMTok: 2, cachedInputPerMTok: 0.5, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, cachedInputPerMTok: 0.1, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, cachedInputPerMTok: 0.025, outputPerMTok: 0.4 },
  'gpt-5': { inputPerMTok: 1.25, cachedInputPerMTok: 0.125, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, cachedInputPerMTok: 0.025, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, cachedInputPerMTok: 0.005, outputPerMTok: 0.4 },
  'o4-mini': { inputPerMTok: 1.1, cachedInputPerMTok: 0.275, outputPerMTok: 4.4 },
  // The offline provider answers on this machine and costs nothing.
  offline: { inputPerMTok: 0, cachedInputPerMTok: 0, outputPerMTok: 0 },
} as const satisfies Record<string, Price>;

export type ModelName = keyof typeof PRICES;
export const MODEL_NAMES = Object.keys(PRICES) as [ModelName, ...ModelName[]];
export const OFFLINE_MODEL: ModelName = 'offline';

export function isKnownModel(model: string): model is ModelName {
  return Object.hasOwn(PRICES, model);
}

export interface TokenUsage {
  /** All prompt tokens, the cached ones included (as OpenAI reports prompt_tokens). */
  input: number;
  /** The part of `input` served from the prompt cache. */
  cached: number;
  output: number;
}

// Thousandths of a dollar per million tokens, as integers: every product below is exact.
const milli = (usdPerMTok: number) => Math.round(usdPerMTok * 1000);

/** cost = ((input − cached) × input price + cached × cached price + output × output price) / 1e6. */
export function costUsd(usage: TokenUsage, price: Price): number {
  const cached = Math.min(usage.cached, usage.input);
  const nanoDollars =
    (usage.input - cached) * milli(price.inputPerMTok) + cached * milli(price.cachedInputPerMTok) + usage.output * milli(price.outputPerMTok);
  return nanoDollars / 1e9;
}
