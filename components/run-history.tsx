'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type MouseEvent } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { addDays, type DayRange } from '@/lib/runs/stats-range';
import { OUTPUT_TYPE_LABELS, type OutputType, type RunListItem, type RunStatus } from '@/lib/zod/schemas/runs';
import styles from './dashboard.module.css';

interface HistoryFilters {
  range: DayRange;
  status?: RunStatus;
  outputType?: OutputType;
}

type Page = { runs: RunListItem[]; nextCursor: string | null };

function query({ range, status, outputType }: HistoryFilters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: '20' });
  if (status) params.set('status', status);
  if (outputType) params.set('outputType', outputType);
  // Whole UTC days, as the charts count them: from the start of `from` to the start of the day after `to`.
  params.set('from', `${range.from}T00:00:00Z`);
  params.set('to', `${addDays(range.to, 1)}T00:00:00Z`);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** The runs of the dashboard's filters, newest first, paged; a row opens its run. */
export function RunHistory(filters: HistoryFilters) {
  const router = useRouter();
  const search = query(filters, null);
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The query the shown rows answer; until it matches the current one, the list is loading.
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    apiFetch<Page>(`/api/runs?${search}`)
      .then((page) => {
        if (!current) return;
        setRuns(page.runs);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoadedFor(search);
      })
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [search]);

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await apiFetch<Page>(`/api/runs?${query(filters, nextCursor)}`);
      setRuns([...runs, ...page.runs]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  // The task's link is what keyboards and screen readers use; a click anywhere else on the row
  // goes to the same page.
  function openRow(event: MouseEvent<HTMLTableRowElement>, id: string) {
    if ((event.target as HTMLElement).closest('a, button')) return;
    router.push(`/runs/${id}`);
  }

  return (
    <section className="card">
      <h2>Run history</h2>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {loadedFor !== search && !error ? (
        <p className="muted" role="status">
          Loading runs…
        </p>
      ) : runs.length === 0 && !error ? (
        <p className="muted">No runs match.</p>
      ) : null}
      <table className="stack-on-phone" aria-label="Runs">
        <thead>
          <tr>
            <th>When</th>
            <th>Task</th>
            <th>Type</th>
            <th>Model</th>
            <th>Status</th>
            <th>Tokens</th>
            <th>Cost</th>
            <th>Feedback</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="history-row" className={styles.clickableRow} onClick={(event) => openRow(event, run.id)}>
              <td data-label="When">{new Date(run.createdAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td data-label="Task" dir="auto">
                <Link href={`/runs/${run.id}`}>{run.task.length > 80 ? `${run.task.slice(0, 80)}…` : run.task}</Link>
              </td>
              <td data-label="Type">{run.outputType ? OUTPUT_TYPE_LABELS[run.outputType] : '–'}</td>
              <td data-label="Model">{run.model}</td>
              <td data-label="Status">{run.status}</td>
              <td data-label="Tokens">{(run.inputTokens + run.outputTokens).toLocaleString('en-US')}</td>
              <td data-label="Cost" title={exactUsd(run.costUsd)} data-testid="history-cost" className={styles.nowrap}>
                {formatUsd(run.costUsd)}
              </td>
              <td data-label="Feedback">{run.feedback ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextCursor ? (
        <button type="button" className="button secondary" onClick={() => void more()}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
