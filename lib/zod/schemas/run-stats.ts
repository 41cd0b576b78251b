import { z } from 'zod';
import { MAX_RANGE_DAYS, resolveRange, todayUtc } from '@/lib/runs/stats-range';
import { OUTPUT_TYPES, RUN_STATUSES } from '@/lib/zod/schemas/runs';

/** A whole UTC day, 'YYYY-MM-DD'; the dashboard's address uses the same fields. */
export const rangeDaySchema = z.iso.date({ message: 'must be a date such as 2026-01-31' });
export const rangeDaysSchema = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_RANGE_DAYS, `must be at most ${MAX_RANGE_DAYS}`);

/**
 * GET /api/runs/stats: `days` back from today (UTC), or the days `from`–`to` (both included), at
 * most MAX_RANGE_DAYS; the last 30 days when neither is given. `status` and `outputType` narrow
 * the runs counted, as they narrow GET /api/runs.
 */
export const getRunStatsQuerySchema = z
  .strictObject({
    days: rangeDaysSchema.optional(),
    from: rangeDaySchema.optional(),
    to: rangeDaySchema.optional(),
    status: z.enum(RUN_STATUSES).optional(),
    outputType: z.enum(OUTPUT_TYPES).optional(),
  })
  .transform(({ days, from, to, status, outputType }, ctx) => {
    const result = resolveRange({ days, from, to }, todayUtc());
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', path: [result.field], message: result.message });
      return z.NEVER;
    }
    return { range: result.range, status, outputType };
  });

/** One UTC day of the caller's runs. approvalRate is null on days without rated runs. */
export const runStatsDaySchema = z.object({
  day: z.string(),
  runs: z.int(),
  approved: z.int(),
  rated: z.int(),
  approvalRate: z.number().nullable(),
  tokens: z.int(),
  costUsd: z.number(),
});

export const MAX_STATS_MODELS = 50;

/** One model's share of the range, most runs first; approvalRate as on a day. */
export const runStatsModelSchema = runStatsDaySchema.omit({ day: true }).extend({ model: z.string() });

export const runStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(runStatsDaySchema).max(MAX_RANGE_DAYS),
  totals: runStatsDaySchema.omit({ day: true }),
  models: z.array(runStatsModelSchema).max(MAX_STATS_MODELS),
});
export type RunStats = z.infer<typeof runStatsSchema>;
export type RunStatsDay = z.infer<typeof runStatsDaySchema>;
export type RunStatsModel = z.infer<typeof runStatsModelSchema>;
