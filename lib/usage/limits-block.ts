import { formatMetricAmount } from '@/lib/usage/format-metric-amount';
import { METRIC_LABELS } from '@/lib/usage/metric-labels';
import { TIER_NAMES } from '@/lib/usage/tier-names';
import type { Plans } from '@/lib/zod/schemas/plans';
import type { MetricPeriod } from '@/lib/zod/schemas/usage';

export const LIMITS_START = '<!-- limits:start -->';
export const LIMITS_END = '<!-- limits:end -->';

const PERIODS: Record<MetricPeriod, string> = { month: 'calendar month (UTC)', day: 'UTC day' };

/**
 * The README's limits table, markers included, rendered from the plans as public.plan_limits
 * holds them: one row per metric, one column per tier. `npm run docs:limits` writes it, and a test
 * fails when the README's copy differs from the database.
 */
export function limitsBlock(plans: Plans): string {
  const metrics = plans[0]?.limits ?? [];
  const header = `| Limit | Per | ${plans.map((plan) => TIER_NAMES[plan.tier]).join(' | ')} |`;
  const rule = `|---|---|${plans.map(() => '---|').join('')}`;
  const rows = metrics.map(({ metricType, period }) => {
    const cells = plans.map((plan) => {
      const limit = plan.limits.find((entry) => entry.metricType === metricType)?.limit;
      if (limit === undefined) throw new Error(`plan ${plan.tier} has no ${metricType} limit`);
      if (limit === null) return 'unlimited';
      return limit === 0 ? 'not included' : formatMetricAmount(metricType, limit);
    });
    return `| ${METRIC_LABELS[metricType].title} | ${PERIODS[period]} | ${cells.join(' | ')} |`;
  });
  return [LIMITS_START, '<!-- Generated from public.plan_limits by `npm run docs:limits`: edit the limits in a migration, then run it. -->', header, rule, ...rows, LIMITS_END].join('\n');
}
