import type { MetricPeriod } from '@/lib/zod/schemas/usage';

/**
 * The first instant after the period that starts on `periodStart` ('YYYY-MM-DD', UTC): the next
 * month's first day, or the next day for a daily counter.
 */
export function resetsAt(periodStart: string, period: MetricPeriod = 'month'): string {
  const [year, month, date] = periodStart.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls month 12 over into January of the next year, and the last day of a month into the next.
  return (period === 'day' ? new Date(Date.UTC(year, month - 1, date + 1)) : new Date(Date.UTC(year, month, 1))).toISOString();
}
