import type { MetricType } from '@/lib/zod/schemas/usage';

/**
 * How each metric is named on the pages and in the README: `title` for a meter or a table row,
 * `unit` after a count, `heldBy` for what holds a reservation while it is in progress.
 */
export const METRIC_LABELS: Record<MetricType, { title: string; unit: string; heldBy: string }> = {
  runs: { title: 'Runs', unit: 'runs', heldBy: 'runs in progress' },
  tokens: { title: 'Tokens', unit: 'tokens', heldBy: 'runs in progress' },
  daily_tokens: { title: 'Tokens per day (premium daily cap)', unit: 'tokens', heldBy: 'runs in progress' },
  templates: { title: 'Templates', unit: 'templates', heldBy: 'template actions in progress' },
  exports: { title: 'Exports', unit: 'exports', heldBy: 'exports in progress' },
  voice_seconds: { title: 'Voice input', unit: 'of audio', heldBy: 'transcriptions in progress' },
};
