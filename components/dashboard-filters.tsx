'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useTransition } from 'react';
import { dashboardHref, moveRangeEnd, type DashboardQuery } from '@/lib/runs/dashboard-filters';
import { DEFAULT_RANGE_DAYS, type DayRange } from '@/lib/runs/stats-range';
import { OUTPUT_TYPE_LABELS, OUTPUT_TYPES, RUN_STATUSES, type OutputType, type RunStatus } from '@/lib/zod/schemas/runs';
import styles from './dashboard.module.css';

const PRESETS = [7, 30, 90, 365];
/** A typed date is valid at every keystroke of its year (0002, 0020, 0202, 2026): wait for a pause. */
const TYPING_PAUSE_MS = 600;

/**
 * The dashboard's filters. Each change is a new address (pushed, so back and forward step through
 * them), which the server page renders; nothing here holds the filters but the URL.
 */
export function DashboardFilters({ query, range, problems }: { query: DashboardQuery; range: DayRange; problems: string[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: DashboardQuery) => startTransition(() => router.push(dashboardHref(next), { scroll: false }));

  const custom = query.from !== undefined || query.to !== undefined;
  const preset = custom ? 'custom' : String(query.days ?? DEFAULT_RANGE_DAYS);
  const presets = query.days && !PRESETS.includes(query.days) ? [...PRESETS, query.days].sort((a, b) => a - b) : PRESETS;
  const { days: _days, from: _from, to: _to, ...others } = query;

  function choosePreset(value: string) {
    if (value === 'custom') go({ ...others, from: range.from, to: range.to });
    else go({ ...others, ...(Number(value) === DEFAULT_RANGE_DAYS ? {} : { days: Number(value) }) });
  }

  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  function setDay(end: 'from' | 'to', day: string) {
    clearTimeout(typing.current);
    if (day) typing.current = setTimeout(() => go({ ...others, ...moveRangeEnd(range, end, day) }), TYPING_PAUSE_MS);
  }
  // The inputs start from the range the page shows, and start again whenever it changes.
  const rangeKey = `${range.from}/${range.to}`;
  const filtered = Object.keys(query).length > 0;

  return (
    <section className="card" aria-label="Filters">
      <div className={styles.filters}>
        <label>
          Range
          <select name="range" value={preset} onChange={(e) => choosePreset(e.target.value)}>
            {presets.map((days) => (
              <option key={days} value={String(days)}>
                Last {days} days
              </option>
            ))}
            <option value="custom">Custom dates</option>
          </select>
        </label>
        <label>
          From
          <input key={rangeKey} type="date" name="from" defaultValue={range.from} onChange={(e) => setDay('from', e.target.value)} />
        </label>
        <label>
          To
          <input key={rangeKey} type="date" name="to" defaultValue={range.to} onChange={(e) => setDay('to', e.target.value)} />
        </label>
        <label>
          Status
          <select name="status" value={query.status ?? ''} onChange={(e) => go({ ...query, status: (e.target.value || undefined) as RunStatus | undefined })}>
            <option value="">Any</option>
            {RUN_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select
            name="outputType"
            value={query.outputType ?? ''}
            onChange={(e) => go({ ...query, outputType: (e.target.value || undefined) as OutputType | undefined })}
          >
            <option value="">Any</option>
            {OUTPUT_TYPES.map((type) => (
              <option key={type} value={type}>
                {OUTPUT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <p className={`${styles.filterNote} muted`} role="status">
          {pending ? 'Updating…' : null}
          {!pending && filtered ? (
            <Link href="/dashboard" scroll={false}>
              Clear filters
            </Link>
          ) : null}
        </p>
      </div>
      {problems.length ? (
        <p className="error" data-testid="filter-problems">
          Left out of the address: {problems.join('; ')}.
        </p>
      ) : null}
    </section>
  );
}
