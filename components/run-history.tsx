'use client';

import Link from 'next/link';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { useEffect, useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { OUTPUT_TYPE_LABELS, OUTPUT_TYPES, RUN_STATUSES, type RunListItem } from '@/lib/zod/schemas/runs';

interface Filters {
  status: string;
  outputType: string;
  from: string;
  to: string;
}

function query(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: '20' });
  if (filters.status) params.set('status', filters.status);
  if (filters.outputType) params.set('outputType', filters.outputType);
  // Dates are whole UTC days: from the start of `from` to the end of `to`.
  if (filters.from) params.set('from', `${filters.from}T00:00:00Z`);
  if (filters.to) params.set('to', `${filters.to}T23:59:59.999Z`);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** Run history with filters by status, type and date, newest first, paged. */
export function RunHistory() {
  const [filters, setFilters] = useState<Filters>({ status: '', outputType: '', from: '', to: '' });
  const [runs, setRuns] = useState<RunListItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The filters the shown rows answer; until they match the current ones, the list is loading.
  const [loadedFor, setLoadedFor] = useState<Filters | null>(null);

  useEffect(() => {
    let current = true;
    apiFetch<{ runs: RunListItem[]; nextCursor: string | null }>(`/api/runs?${query(filters, null)}`)
      .then((page) => {
        if (!current) return;
        setRuns(page.runs);
        setNextCursor(page.nextCursor);
        setError(null);
        setLoadedFor(filters);
      })
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [filters]);

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await apiFetch<{ runs: RunListItem[]; nextCursor: string | null }>(`/api/runs?${query(filters, nextCursor)}`);
      setRuns([...runs, ...page.runs]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  const set = (key: keyof Filters, value: string) => setFilters({ ...filters, [key]: value });

  return (
    <section className="card">
      <h2>Run history</h2>
      <div className="row">
        <label>
          Status
          <select name="status" value={filters.status} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any</option>
            {RUN_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select name="outputType" value={filters.outputType} onChange={(e) => set('outputType', e.target.value)}>
            <option value="">Any</option>
            {OUTPUT_TYPES.map((type) => (
              <option key={type} value={type}>
                {OUTPUT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="from" value={filters.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="date" name="to" value={filters.to} onChange={(e) => set('to', e.target.value)} />
        </label>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {loadedFor !== filters && !error ? (
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
            <th>Status</th>
            <th>Tokens</th>
            <th>Cost</th>
            <th>Feedback</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-testid="history-row">
              <td data-label="When">{new Date(run.createdAt).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}</td>
              <td data-label="Task" dir="auto">
                <Link href={`/runs/${run.id}`}>{run.task.length > 80 ? `${run.task.slice(0, 80)}…` : run.task}</Link>
              </td>
              <td data-label="Type">{run.outputType ? OUTPUT_TYPE_LABELS[run.outputType] : '–'}</td>
              <td data-label="Status">{run.status}</td>
              <td data-label="Tokens">{(run.inputTokens + run.outputTokens).toLocaleString('en')}</td>
              <td data-label="Cost" title={exactUsd(run.costUsd)}>{formatUsd(run.costUsd)}</td>
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
