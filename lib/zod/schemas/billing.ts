import { z } from 'zod';
import { SUBSCRIPTION_TIERS } from '@/lib/zod/schemas/usage';

/** The tiers Stripe sells; free is what a user has without a subscription. */
export const PAID_TIERS = ['pro', 'enterprise'] as const;
export type PaidTier = (typeof PAID_TIERS)[number];

/** The profile's subscription_status (migration 008); Stripe's own statuses map onto these (migration 021). */
export const PROFILE_STATUSES = ['free', 'active', 'trialing', 'past_due', 'canceled', 'inactive'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

/** GET /api/billing, and what POST /api/billing/sync answers. Dates are ISO strings. */
export const billingStateSchema = z.object({
  /** Whether this server has Stripe keys; without them /pricing says billing is not configured. */
  configured: z.boolean(),
  tier: z.enum(SUBSCRIPTION_TIERS),
  status: z.enum(PROFILE_STATUSES),
  currentPeriodEnd: z.string().nullable(),
  /** The live subscription ends at cancelAt instead of renewing (set in the customer portal). */
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: z.string().nullable(),
  /** A Stripe customer exists, so the customer portal can open. */
  hasCustomer: z.boolean(),
});
export type BillingState = z.infer<typeof billingStateSchema>;

export const checkoutBodySchema = z.strictObject({
  tier: z.enum(PAID_TIERS, 'must be "pro" or "enterprise"'),
});
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

/** A Checkout Session id as Stripe writes it into the success URL: cs_test_… or cs_live_…. */
export const checkoutSessionIdSchema = z
  .string()
  .max(255)
  .regex(/^cs_[A-Za-z0-9_]{1,250}$/, 'must be a Checkout Session id (cs_…)');

export const syncBodySchema = z.strictObject({ sessionId: checkoutSessionIdSchema });
export type SyncBody = z.infer<typeof syncBodySchema>;

/** Where to send the browser: a Stripe Checkout or customer portal page. */
export const redirectUrlSchema = z.object({ url: z.url({ protocol: /^https?$/ }).max(4096) });

export const planPriceSchema = z.object({
  /** In the currency's smallest unit (cents). */
  unitAmount: z.int().min(0),
  currency: z.string().max(10),
  interval: z.enum(['day', 'week', 'month', 'year']),
});
export type PlanPrice = z.infer<typeof planPriceSchema>;

/** What each paid plan costs, from Stripe; null when billing is not configured or Stripe cannot say. */
export const planPricesSchema = z.object({ pro: planPriceSchema.nullable(), enterprise: planPriceSchema.nullable() });
export type PlanPrices = z.infer<typeof planPricesSchema>;

export const WEBHOOK_OUTCOMES = ['processed', 'duplicate', 'ignored'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** The answer to Stripe: any 2xx acknowledges the event. */
export const webhookAckSchema = z.object({ received: z.literal(true), outcome: z.enum(WEBHOOK_OUTCOMES) });

/** The fields of a verified Stripe event the webhook reads; an event without them is refused. */
export const stripeEventSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]{1,250}$/),
  type: z.string().min(1).max(100),
  created: z.int().min(0),
  livemode: z.boolean(),
  data: z.object({ object: z.looseObject({ id: z.string().max(255).optional() }) }),
});
