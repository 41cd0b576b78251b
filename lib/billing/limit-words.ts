/**
 * A plan's limit for one metric in words, for /pricing and /billing. The numbers come from the
 * database (plan_limits, through getPlans or /api/usage); only the words live here.
 */

export interface LimitTerms {
  metricType: string;
  period: 'month' | 'day';
  limit: number | null;
}

const count = (n: number) => n.toLocaleString('en-US');

const UNITS: Record<string, string> = {
  runs: 'runs',
  tokens: 'tokens',
  daily_tokens: 'tokens',
  templates: 'template customisations',
  exports: 'exports',
};

export function limitWords({ metricType, period, limit }: LimitTerms): string {
  const per = period === 'day' ? 'a day' : 'a month';
  if (metricType === 'voice_seconds') {
    if (limit === 0) return 'No voice dictation';
    return limit === null ? 'Unlimited voice dictation' : `${count(Math.floor(limit / 60))} minutes of voice dictation ${per}`;
  }
  if (metricType === 'daily_tokens') {
    return limit === null ? 'No daily cap beyond the monthly limit' : `At most ${count(limit)} tokens ${per}`;
  }
  const unit = UNITS[metricType] ?? metricType;
  return limit === null ? `Unlimited ${unit}` : `${count(limit)} ${unit} ${per}`;
}
