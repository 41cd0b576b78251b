import { z } from 'zod';

/**
 * Every metered metric. Their limits, per tier, live in the database (public.plan_limits), never
 * here. daily_tokens is the premium daily token cap: the same tokens as `tokens`, counted per UTC
 * day; voice_seconds is seconds of transcribed audio.
 */
export const METRIC_TYPES = ['runs', 'tokens', 'daily_tokens', 'templates', 'exports', 'voice_seconds'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** The metrics a run reserves; the first of them that would refuse a run is GET /api/usage's limitReason. */
export const RUN_METRIC_TYPES: readonly MetricType[] = ['runs', 'tokens', 'daily_tokens'];

/** A monthly counter starts on the first day of each calendar month (UTC), a daily one each UTC day. */
export const METRIC_PERIODS = ['month', 'day'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

/**
 * Each metric's period, as public.plan_limits.period has it for every tier (a refusal row names
 * its period's first day, not its length); tests/integration/metering.test.ts holds them equal.
 */
export const METRIC_PERIOD: Record<MetricType, MetricPeriod> = {
  runs: 'month',
  tokens: 'month',
  daily_tokens: 'day',
  templates: 'month',
  exports: 'month',
  voice_seconds: 'month',
};

export const SUBSCRIPTION_TIERS = ['free', 'pro', 'enterprise'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

/**
 * One metric in its current period. `current` is what a metered action checks against `limit`:
 * `used` by finished actions plus `reserved` by actions still in progress (a run holds one run and
 * the worst case of its tokens, a transcription the seconds it declared, until each settles and
 * gives back what it did not use). `limit` and `remaining` are null when the tier has no limit.
 * `reason` is the refusal's own words when the next action of this kind would be refused now.
 */
export const metricUsageSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  period: z.enum(METRIC_PERIODS),
  current: z.int().min(0),
  used: z.int().min(0),
  reserved: z.int().min(0),
  limit: z.int().nullable(),
  remaining: z.int().min(0).nullable(),
  /** When the counter starts again from zero: the first instant of the next month, or of the next UTC day. */
  resetsAt: z.string(),
  reason: z.string().max(1000).nullable(),
});
export type MetricUsage = z.infer<typeof metricUsageSchema>;

/** Why POST /api/runs would refuse a run with the default answer budget now, in its own words. */
export const limitReasonSchema = z.object({
  metricType: z.enum(METRIC_TYPES),
  message: z.string().max(1000),
});

/** GET /api/usage. */
export const usageSchema = z.object({
  tier: z.enum(SUBSCRIPTION_TIERS),
  /** This month (UTC): the period of the monthly metrics. */
  periodStart: z.string(),
  resetsAt: z.string(),
  /** Runs queued or running now, whose reservations are in `reserved`. */
  runsInProgress: z.int().min(0),
  metrics: z.array(metricUsageSchema).max(METRIC_TYPES.length),
  /** The first of runs, tokens and daily_tokens whose `reason` would stop a run. */
  limitReason: limitReasonSchema.nullable(),
});
export type Usage = z.infer<typeof usageSchema>;

export const MAX_DAILY_USAGE_DAYS = 90;
export const DEFAULT_DAILY_USAGE_DAYS = 30;

/** GET /api/usage/daily: the last `days` UTC days, today included. */
export const getDailyUsageQuerySchema = z.strictObject({
  days: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_DAILY_USAGE_DAYS, `must be at most ${MAX_DAILY_USAGE_DAYS}`)
    .default(DEFAULT_DAILY_USAGE_DAYS),
});

export const dailyUsagePointSchema = z.object({
  date: z.iso.date(),
  value: z.int().min(0),
});

/**
 * One metric per UTC day, oldest first, days without use included as 0. What an action still in
 * progress holds counts on its day until it settles.
 */
export const dailyUsageSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  series: z
    .array(z.object({ metricType: z.enum(METRIC_TYPES), points: z.array(dailyUsagePointSchema).max(MAX_DAILY_USAGE_DAYS) }))
    .max(METRIC_TYPES.length),
});
export type DailyUsage = z.infer<typeof dailyUsageSchema>;
