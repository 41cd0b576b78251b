import Stripe from 'stripe';
import { serverEnv, type BillingEnv } from '@/lib/env';
import type { PaidTier } from '@/lib/zod/schemas/billing';

/**
 * The API version every call and every webhook payload is read with. The SDK's types describe
 * exactly this version, so upgrading the SDK is the one way to move it (a mismatch fails the
 * type check). Create webhook endpoints with the same version (README, Billing).
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';

export interface BillingConfig {
  stripe: Stripe;
  /** The price each paid tier is sold at (STRIPE_PRICE_PRO, STRIPE_PRICE_ENTERPRISE). */
  prices: Record<PaidTier, string>;
  webhookSecret: string;
}

let cached: { signature: string; config: BillingConfig } | undefined;

function clientOptions(apiUrl: string | undefined): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    // One retry (the SDK keys every POST, so a retried create is not a second customer); a
    // webhook that still fails answers 500 and Stripe delivers it again later.
    maxNetworkRetries: 1,
    timeout: 10_000,
    telemetry: false,
    appInfo: { name: 'venture-companion' },
  };
  if (!apiUrl) return options;
  const url = new URL(apiUrl);
  return { ...options, protocol: url.protocol === 'http:' ? 'http' : 'https', host: url.hostname, port: url.port || (url.protocol === 'http:' ? '80' : '443') };
}

/**
 * Stripe, when this server sells plans: the key, both prices and the webhook secret are set
 * (lib/env.ts refuses a partial set). Null means billing is not configured. One client per
 * configuration, so tests that change the environment get a client for the new one.
 */
export function billingConfig(env: BillingEnv = serverEnv()): BillingConfig | null {
  const { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_PRICE_PRO: pro, STRIPE_PRICE_ENTERPRISE: enterprise } = env;
  if (!key || !webhookSecret || !pro || !enterprise) return null;
  const signature = [key, webhookSecret, pro, enterprise, env.STRIPE_API_URL ?? ''].join('\n');
  if (cached?.signature !== signature) {
    cached = { signature, config: { stripe: new Stripe(key, clientOptions(env.STRIPE_API_URL)), prices: { pro, enterprise }, webhookSecret } };
  }
  return cached.config;
}
