/**
 * Date ranges of whole UTC days, as the dashboard and GET /api/runs/stats read them: `from` and
 * `to` are 'YYYY-MM-DD' and both included. Pure, so the page, the route and the tests agree.
 */

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

export interface DayRange {
  from: string;
  to: string;
  /** How many days the range spans, both ends included. */
  days: number;
}

export interface RangeInput {
  days?: number;
  from?: string;
  to?: string;
}

export type RangeResult = { ok: true; range: DayRange } | { ok: false; field: 'days' | 'from' | 'to'; message: string };

const DAY_MS = 86_400_000;

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, count: number): string {
  return toDay(toTime(day) + count * DAY_MS);
}

/** Days from `from` to `to`, both included: 1 for a single day, 0 or less when `to` is earlier. */
export function daysSpanned(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS) + 1;
}

/** The last `days` days, today included. */
export function lastDays(days: number, today: string): DayRange {
  return { from: addDays(today, 1 - days), to: today, days };
}

/**
 * `days` counts back from today (today included); `from`/`to` name the days themselves. A missing
 * `to` is today; a missing `from` is the default span back from `to`. The two ways do not mix.
 */
export function resolveRange(input: RangeInput, today: string): RangeResult {
  if (input.days !== undefined && (input.from !== undefined || input.to !== undefined)) {
    return { ok: false, field: 'days', message: 'give either days or from/to, not both' };
  }
  if (input.days !== undefined) {
    return { ok: true, range: lastDays(input.days, today) };
  }
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  const days = daysSpanned(from, to);
  if (days < 1) return { ok: false, field: 'from', message: `must be on or before to (${to})` };
  if (days > MAX_RANGE_DAYS) {
    return { ok: false, field: 'to', message: `the range may span at most ${MAX_RANGE_DAYS} days; ${from} to ${to} spans ${days.toLocaleString('en-US')}` };
  }
  return { ok: true, range: { from, to, days } };
}
