import { z } from 'zod';

export const MAX_STATS_DAYS = 90;

export const getRunStatsQuerySchema = z.strictObject({
  days: z.coerce.number().int('must be a whole number').min(1).max(MAX_STATS_DAYS, `must be at most ${MAX_STATS_DAYS}`).default(30),
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

export const runStatsSchema = z.object({
  days: z.array(runStatsDaySchema),
  totals: runStatsDaySchema.omit({ day: true }),
});
export type RunStats = z.infer<typeof runStatsSchema>;
