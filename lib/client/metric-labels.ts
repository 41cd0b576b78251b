import type { MetricType } from '@/lib/zod/schemas/usage';

/** How each metered metric is named on the pages (the numbers come from /api/usage). */
export const METRIC_LABELS: Record<MetricType, { title: string; unit: string }> = {
  runs: { title: 'Runs', unit: 'runs' },
  tokens: { title: 'Tokens', unit: 'tokens' },
  daily_tokens: { title: 'Tokens today', unit: 'tokens' },
  templates: { title: 'Template customisations', unit: 'customisations' },
  exports: { title: 'Exports', unit: 'exports' },
  voice_seconds: { title: 'Voice dictation', unit: 'minutes' },
};

const count = (n: number) => n.toLocaleString('en-US');

/** An amount of one metric as people read it; voice is counted in seconds and read in minutes. */
export function formatMetricAmount(metric: MetricType, value: number): string {
  if (metric === 'voice_seconds') {
    if (value > 0 && value < 60) return `${value} s`;
    return `${count(Math.round(value / 60))} min`;
  }
  return `${count(value)} ${METRIC_LABELS[metric].unit}`;
}
