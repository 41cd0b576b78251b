'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ApiClientError, apiFetch } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { ImportReport, TransferFormat } from '@/lib/zod/schemas/template-sharing';

const FORMATS: { format: TransferFormat; label: string }[] = [
  { format: 'json', label: 'JSON' },
  { format: 'yaml', label: 'YAML' },
  { format: 'csv', label: 'CSV' },
];

const formatOf = (fileName: string): TransferFormat | null => {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'json') return 'json';
  if (extension === 'yaml' || extension === 'yml') return 'yaml';
  if (extension === 'csv') return 'csv';
  return null;
};

/**
 * Export and import of the caller's customisations. Each download counts as one export of the
 * month. An import is checked first (a dry run that writes nothing) and its report shown; Import
 * then writes it all, or nothing if anything is wrong.
 */
export function ImportExportPanel() {
  const router = useRouter();
  const id = useId();
  const [file, setFile] = useState<{ name: string; format: TransferFormat; content: string } | null>(null);
  const [format, setFormat] = useState<TransferFormat>('json');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [checked, setChecked] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useApiAction();

  async function choose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setReport(null);
    setChecked(false);
    setDone(null);
    if (!chosen) return setFile(null);
    const detected = formatOf(chosen.name) ?? format;
    setFormat(detected);
    setFile({ name: chosen.name, format: detected, content: await chosen.text() });
  }

  function send(dryRun: boolean) {
    // Import follows a clean check of the same file and format.
    if (!file || (!dryRun && !checked)) return;
    void action.run(async () => {
      try {
        const result = await apiFetch<ImportReport>(`/api/templates/import${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', body: { format, content: file.content } });
        setReport(result);
        setChecked(dryRun);
        if (!dryRun) {
          setDone(`Imported ${result.imported.length}, skipped ${result.skipped.length}.`);
          router.refresh();
        }
      } catch (error) {
        // A refused file answers the same report, with its errors.
        if (error instanceof ApiClientError && Array.isArray(error.body.errors)) {
          setReport(error.body as unknown as ImportReport);
          setChecked(false);
          return;
        }
        throw error;
      }
    });
  }

  return (
    <article className="card stack" aria-labelledby={`${id}-title`} data-testid="import-export-panel">
      <h2 id={`${id}-title`}>Export and import</h2>
      <p className="muted">Your customisations as a file; JSON and YAML carry your own presets too. Each download counts as one export this month.</p>
      <div className="row">
        {FORMATS.map(({ format: kind, label }) => (
          <a key={kind} className="button secondary" href={`/api/templates/export?format=${kind}`} download>
            Download {label}
          </a>
        ))}
      </div>
      <div className="fields">
        <label>
          File to import
          <input type="file" accept=".json,.yaml,.yml,.csv,application/json,text/csv,application/yaml" onChange={(event) => void choose(event)} />
        </label>
        {file ? (
          <label>
            Format
            <select
              value={format}
              onChange={(event) => {
                setFormat(event.target.value as TransferFormat);
                setReport(null);
                setChecked(false);
              }}
            >
              {FORMATS.map(({ format: kind, label }) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => send(true)} aria-disabled={!file || action.busy || undefined}>
            Check the file
          </button>
          <button type="button" className="button" onClick={() => send(false)} aria-disabled={!file || !checked || action.busy || undefined}>
            Import
          </button>
        </div>
      </div>
      {action.error ? (
        <p role="alert" className="error">
          {action.error}
        </p>
      ) : null}
      {report ? (
        <div className="stack tight" data-testid="import-report">
          {report.errors.length > 0 ? (
            <>
              <p role="alert" className="error">
                Nothing was imported: {report.errors.length === 1 ? 'one problem' : `${report.errors.length} problems`} to fix first.
              </p>
              <ul className="stack tight list-none p-0">
                {report.errors.map((error, index) => (
                  <li key={index}>
                    <span className="pill">{error.row === 0 ? 'file' : `row ${error.row}`}</span> {error.field}: {error.message}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p role="status">
              {report.dryRun ? 'Ready to import' : 'Imported'}: {report.imported.length} {report.imported.length === 1 ? 'customisation' : 'customisations'}
              {report.skipped.length > 0 ? `, ${report.skipped.length} skipped as identical to what you have` : ''}
              {report.presets.imported.length > 0 ? `, ${report.presets.imported.length} presets` : ''}.
            </p>
          )}
        </div>
      ) : null}
      {done ? (
        <p role="status" className="success">
          {done}
        </p>
      ) : null}
    </article>
  );
}
