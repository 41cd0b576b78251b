import { ApiError } from '@/lib/api/errors';
import { billingConfig, type BillingConfig } from '@/lib/billing/billing-config';

export const BILLING_NOT_CONFIGURED =
  'Billing is not configured on this server (it needs STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_PRICE_PRO and STRIPE_PRICE_ENTERPRISE). Locally, npm run billing:set-tier changes a plan.';

/** Stripe for an action that needs it: checkout, the portal, a sync. Without keys, 503. */
export function requireBilling(): BillingConfig {
  const config = billingConfig();
  if (!config) throw new ApiError('service_unavailable', BILLING_NOT_CONFIGURED);
  return config;
}
