'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { LineDiffView } from '@/components/templates/line-diff-view';
import { apiFetch } from '@/lib/client/api-fetch';
import { formatLongDate } from '@/lib/client/format-long-date';
import { useApiAction } from '@/lib/client/use-api-action';
import type { CustomizationDiff, HistoryEntry } from '@/lib/zod/schemas/templates';
import { showTemplateValue } from '@/lib/templates/show-template-value';

const sideName = (side: 'base' | number) => (side === 'base' ? 'the template’s defaults' : `version ${side}`);

/**
 * Every saved version of a customisation, newest first: compare any two (or one with the template's
 * defaults) as a line diff of the rendered prompt with a similarity score and the values that
 * changed, and restore one (a new version equal to it; nothing is lost).
 */
export function HistoryPanel({ templateId, history, current }: { templateId: string; history: HistoryEntry[]; current: number }) {
  const router = useRouter();
  const id = useId();
  const [from, setFrom] = useState<'base' | number>(history.length > 1 ? history[1]!.version : 'base');
  const [to, setTo] = useState<number>(current);
  const [diff, setDiff] = useState<{ from: 'base' | number; to: number; result: CustomizationDiff } | null>(null);
  const compare = useApiAction();
  const restore = useApiAction();
  const [restored, setRestored] = useState<string | null>(null);

  function runCompare(left: 'base' | number, right: number) {
    void compare.run(async () => {
      const result = await apiFetch<CustomizationDiff>(`/api/templates/${templateId}/customization/diff?from=${left}&to=${right}`);
      setDiff({ from: left, to: right, result });
    });
  }

  function rollback(version: number) {
    void restore.run(async () => {
      const saved = await apiFetch<{ version: number }>(`/api/templates/${templateId}/customization/rollback`, { method: 'POST', body: { toVersion: version, expectedVersion: current } });
      setRestored(`Restored version ${version} as version ${saved.version}.`);
      setDiff(null);
      router.refresh();
    });
  }

  const options = (
    <>
      {history.map((entry) => (
        <option key={entry.version} value={entry.version}>
          Version {entry.version}
        </option>
      ))}
    </>
  );

  return (
    <article className="card stack" aria-labelledby={`${id}-title`} data-testid="history">
      <h2 id={`${id}-title`}>History</h2>
      <ol className="stack tight list-none p-0">
        {history.map((entry) => (
          <li key={entry.version} className="row spread" data-testid="history-entry">
            <span>
              <strong>Version {entry.version}</strong>
              {entry.version === current ? <span className="pill success"> current</span> : null}{' '}
              <span className="muted">
                {entry.changeSummary || 'Saved'} · {formatLongDate(entry.createdAt)} · on template {entry.snapshot.baseVersion ?? '?'}
                {entry.snapshot.enabled ? '' : ' · off'}
              </span>
            </span>
            <span className="row">
              {entry.version !== current ? (
                <>
                  <button type="button" className="button ghost sm" onClick={() => runCompare(entry.version, current)} aria-disabled={compare.busy || undefined}>
                    Compare with current
                  </button>
                  <button type="button" className="button secondary sm" onClick={() => rollback(entry.version)} aria-disabled={restore.busy || undefined}>
                    Restore
                  </button>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      <form
        className="row"
        aria-label="Compare two versions"
        onSubmit={(event) => {
          event.preventDefault();
          runCompare(from, to);
        }}
      >
        <label>
          From
          <select value={String(from)} onChange={(event) => setFrom(event.target.value === 'base' ? 'base' : Number(event.target.value))}>
            <option value="base">Template defaults</option>
            {options}
          </select>
        </label>
        <label>
          To
          <select value={String(to)} onChange={(event) => setTo(Number(event.target.value))}>
            {options}
          </select>
        </label>
        <button type="submit" className="button secondary" aria-disabled={compare.busy || undefined}>
          {compare.busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {compare.error ? (
        <p role="alert" className="error">
          {compare.error}
        </p>
      ) : null}
      {restore.error ? (
        <p role="alert" className="error">
          {restore.error}
        </p>
      ) : null}
      {restored ? (
        <p role="status" className="success">
          {restored}
        </p>
      ) : null}
      {diff ? (
        <div className="stack" data-testid="version-diff">
          <h3>
            From {sideName(diff.from)} to {sideName(diff.to)}
          </h3>
          {diff.result.values.changes.length > 0 ? (
            <table>
              <caption className="sr-only">Values that changed</caption>
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {diff.result.values.changes.map((change) => (
                  <tr key={change.name}>
                    <th scope="row">{change.name}</th>
                    <td>{showTemplateValue(change.from, '—')}</td>
                    <td>{showTemplateValue(change.to, '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No value changed.</p>
          )}
          <LineDiffView lines={diff.result.prompt.lines} similarity={diff.result.prompt.similarity} label="Rendered prompt, line by line" />
        </div>
      ) : null}
    </article>
  );
}
