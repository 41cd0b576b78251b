import { addDays, daysSpanned, DEFAULT_RANGE_DAYS, lastDays, MAX_RANGE_DAYS, resolveRange, type DayRange } from '@/lib/runs/stats-range';
import { rangeDaySchema, rangeDaysSchema } from '@/lib/zod/schemas/run-stats';
import { OUTPUT_TYPES, RUN_STATUSES, type OutputType, type RunStatus } from '@/lib/zod/schemas/runs';

/**
 * The dashboard's filters live in its address (`/dashboard?from=&to=&status=&outputType=`, or
 * `?days=`), so a reload or a shared link shows the same view and back/forward step through
 * changes. The names and rules are those of GET /api/runs/stats.
 */
export interface DashboardQuery {
  days?: number;
  from?: string;
  to?: string;
  status?: RunStatus;
  outputType?: OutputType;
}

export interface DashboardFilters {
  /** The valid filters the address gave; what a change keeps. */
  query: DashboardQuery;
  range: DayRange;
  /** What the address said that could not be used, in words for the page. */
  problems: string[];
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

function oneOf<T extends string>(values: readonly T[], raw: string | undefined): T | undefined {
  return values.find((value) => value === raw);
}

/** Reads the filters from the address; anything invalid is left out and named, never an error page. */
export function parseDashboardFilters(params: SearchParams, today: string): DashboardFilters {
  const problems: string[] = [];
  const query: DashboardQuery = {};

  const status = first(params.status);
  query.status = oneOf(RUN_STATUSES, status);
  if (status && !query.status) problems.push(`status "${status}" is not one of ${RUN_STATUSES.join(', ')}`);
  const outputType = first(params.outputType);
  query.outputType = oneOf(OUTPUT_TYPES, outputType);
  if (outputType && !query.outputType) problems.push(`outputType "${outputType}" is not one of ${OUTPUT_TYPES.join(', ')}`);

  const rangeQuery: Pick<DashboardQuery, 'days' | 'from' | 'to'> = {};
  for (const [key, schema] of [
    ['days', rangeDaysSchema],
    ['from', rangeDaySchema],
    ['to', rangeDaySchema],
  ] as const) {
    const raw = first(params[key]);
    if (raw === undefined) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) Object.assign(rangeQuery, { [key]: parsed.data });
    else problems.push(`${key}: ${parsed.error.issues[0]!.message}`);
  }
  const resolved = resolveRange(rangeQuery, today);
  if (resolved.ok) {
    Object.assign(query, rangeQuery);
    return { query: withoutEmpty(query), range: resolved.range, problems };
  }
  problems.push(`${resolved.field}: ${resolved.message}`);
  return { query: withoutEmpty(query), range: lastDays(DEFAULT_RANGE_DAYS, today), problems };
}

function withoutEmpty(query: DashboardQuery): DashboardQuery {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as DashboardQuery;
}

/** The dashboard's address for these filters, keys in a fixed order so equal views share one URL. */
export function dashboardHref(query: DashboardQuery): string {
  const params = new URLSearchParams();
  for (const key of ['days', 'from', 'to', 'status', 'outputType'] as const) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/dashboard?${search}` : '/dashboard';
}

/**
 * The range after one end is moved to `day`. An end moved past the other drags it along, keeping
 * the range's length; a range grown past MAX_RANGE_DAYS gives up its other end, so every choice in
 * the date inputs is a range the API accepts.
 */
export function moveRangeEnd(range: DayRange, end: 'from' | 'to', day: string): Pick<DayRange, 'from' | 'to'> {
  if (end === 'from') {
    const to = daysSpanned(day, range.to) < 1 ? addDays(day, range.days - 1) : range.to;
    return { from: day, to: daysSpanned(day, to) > MAX_RANGE_DAYS ? addDays(day, MAX_RANGE_DAYS - 1) : to };
  }
  const from = daysSpanned(range.from, day) < 1 ? addDays(day, 1 - range.days) : range.from;
  return { from: daysSpanned(from, day) > MAX_RANGE_DAYS ? addDays(day, 1 - MAX_RANGE_DAYS) : from, to: day };
}
