import type Stripe from 'stripe';
import { billingConfig, type BillingConfig } from '@/lib/billing/billing-config';
import { logger } from '@/lib/observability/logger';
import type { PlanPrice, PlanPrices } from '@/lib/zod/schemas/billing';

const FRESH_MS = 10 * 60_000;
// After a failure, ask again soon, but not on every page view.
const RETRY_MS = 60_000;
const UNKNOWN: PlanPrices = { pro: null, enterprise: null };
const INTERVALS = new Set(['day', 'week', 'month', 'year']);

let cache: { config: BillingConfig; until: number; prices: Promise<PlanPrices> } | undefined;

function planPrice(price: Stripe.Price): PlanPrice | null {
  const interval = price.recurring?.interval;
  if (price.unit_amount === null || !interval || !INTERVALS.has(interval)) {
    logger.warn({ priceId: price.id }, 'a plan price is not a flat recurring price; /pricing shows no amount for it');
    return null;
  }
  return { unitAmount: price.unit_amount, currency: price.currency, interval: interval as PlanPrice['interval'] };
}

async function fetchPrices(config: BillingConfig): Promise<{ prices: PlanPrices; ok: boolean }> {
  try {
    const [pro, enterprise] = await Promise.all([config.stripe.prices.retrieve(config.prices.pro), config.stripe.prices.retrieve(config.prices.enterprise)]);
    return { prices: { pro: planPrice(pro), enterprise: planPrice(enterprise) }, ok: true };
  } catch (error) {
    logger.warn({ err: error }, 'plan prices could not be read from Stripe; /pricing shows the plans without amounts');
    return { prices: UNKNOWN, ok: false };
  }
}

/**
 * What the paid plans cost, for /pricing: read from Stripe (the prices in STRIPE_PRICE_PRO and
 * STRIPE_PRICE_ENTERPRISE are the truth) and kept in this process for ten minutes, so a page view
 * costs no Stripe call. Null amounts when billing is not configured or Stripe cannot say; the
 * page never fails for it.
 */
export async function getPlanPrices(): Promise<PlanPrices> {
  const config = billingConfig();
  if (!config) return UNKNOWN;
  if (cache?.config === config && cache.until > Date.now()) return cache.prices;
  // Concurrent page views share one fetch.
  const fetched = fetchPrices(config);
  const entry = { config, until: Date.now() + FRESH_MS, prices: fetched.then((result) => result.prices) };
  void fetched.then(({ ok }) => {
    if (!ok) entry.until = Date.now() + RETRY_MS;
  });
  cache = entry;
  return entry.prices;
}
