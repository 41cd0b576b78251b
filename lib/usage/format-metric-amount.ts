import { voiceDuration } from '@/lib/usage/limit-reason';
import type { MetricType } from '@/lib/zod/schemas/usage';

/** An amount of a metric as a person reads it: voice seconds as minutes and seconds, counts with separators. */
export function formatMetricAmount(metricType: MetricType, amount: number): string {
  return metricType === 'voice_seconds' ? voiceDuration(amount) : amount.toLocaleString('en-US');
}
