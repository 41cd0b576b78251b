import { formatMetricAmount } from '@/lib/usage/format-metric-amount';
import { METRIC_LABELS } from '@/lib/usage/metric-labels';
import type { PlanLimit } from '@/lib/zod/schemas/plans';

/**
 * A plan's limit for one metric as a sentence for the pricing page. The numbers come from the
 * database (plan_limits through getPlans); the names and units from METRIC_LABELS.
 */
export function limitWords({ metricType, period, limit }: PlanLimit): string {
  const per = period === 'day' ? 'a day' : 'a month';
  if (metricType === 'voice_seconds') {
    if (limit === 0) return 'No voice input';
    return limit === null ? 'Unlimited voice input' : `${formatMetricAmount(metricType, limit)} of voice input ${per}`;
  }
  if (metricType === 'daily_tokens') {
    return limit === null ? 'No daily token cap beyond the monthly limit' : `At most ${formatMetricAmount(metricType, limit)} tokens ${per}`;
  }
  const { unit } = METRIC_LABELS[metricType];
  return limit === null ? `Unlimited ${unit}` : `${formatMetricAmount(metricType, limit)} ${unit} ${per}`;
}
