'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { apiFetch, errorMessage, fieldErrors } from '@/lib/client/api-fetch';
import { useApiAction } from '@/lib/client/use-api-action';
import type { TemplateValue } from '@/lib/templates/render-template';
import type { ApplyReport, TemplatePreset } from '@/lib/zod/schemas/template-sharing';
import { showTemplateValue } from '@/lib/templates/show-template-value';


/**
 * Presets: the system ones and the caller's own, each with its values; apply one to chosen
 * templates and read what applied, failed and was skipped per template; save the values given (by
 * default the current customisation's, `values`) as a new preset of one's own, or delete one.
 * `templates` are the choices to apply to (id and name); `presets` what GET /api/template-presets
 * answers (listTemplatePresets on the server).
 */
export function PresetsPanel({
  templates,
  presets: initialPresets,
  values = {},
  defaultTemplateIds = [],
}: {
  templates: { id: string; name: string }[];
  presets: TemplatePreset[];
  values?: Record<string, TemplateValue>;
  defaultTemplateIds?: string[];
}) {
  const router = useRouter();
  const id = useId();
  const names = new Map(templates.map((template) => [template.id, template.name]));
  const [presets, setPresets] = useState<TemplatePreset[]>(initialPresets);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>('');
  const [targets, setTargets] = useState<string[]>([]);
  const [report, setReport] = useState<ApplyReport | null>(null);
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const apply = useApiAction();
  const create = useApiAction();
  const remove = useApiAction();

  async function load() {
    try {
      const { presets: list } = await apiFetch<{ presets: TemplatePreset[] }>('/api/template-presets');
      setPresets(list);
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }

  const preset = presets.find((candidate) => candidate.id === selected) ?? null;

  function choose(presetId: string) {
    setSelected(presetId);
    setReport(null);
    const chosen = presets.find((candidate) => candidate.id === presetId);
    setTargets(chosen ? chosen.templateIds.filter((templateId) => names.has(templateId)) : []);
  }

  function toggle(templateId: string, on: boolean) {
    setTargets((current) => (on ? [...current, templateId] : current.filter((item) => item !== templateId)));
  }

  function runApply() {
    if (!preset || targets.length === 0) return;
    void apply.run(async () => {
      const result = await apiFetch<ApplyReport>(`/api/template-presets/${preset.id}/apply`, { method: 'POST', body: { templateIds: targets } });
      setReport(result);
      router.refresh();
    });
  }

  function submitNew(event: React.FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return;
    setFields({});
    void create.run(async () => {
      try {
        const made = await apiFetch<TemplatePreset>('/api/template-presets', {
          method: 'POST',
          body: { name: name.trim(), templateIds: defaultTemplateIds, variables: values },
        });
        setStatus({ kind: 'saved', text: `Saved the preset "${made.name}".` });
        setName('');
        await load();
      } catch (error) {
        setFields(fieldErrors(error));
        throw error;
      }
    });
  }

  function deletePreset(target: TemplatePreset) {
    void remove.run(async () => {
      await apiFetch(`/api/template-presets/${target.id}`, { method: 'DELETE' });
      if (selected === target.id) choose('');
      setStatus({ kind: 'saved', text: `Deleted the preset "${target.name}".` });
      await load();
    });
  }

  return (
    <article className="card stack" aria-labelledby={`${id}-title`} data-testid="presets-panel">
      <h2 id={`${id}-title`}>Presets</h2>
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : null}
      <div className="fields">
        <label>
          Preset
          <select value={selected} onChange={(event) => choose(event.target.value)}>
            <option value="">Choose a preset…</option>
            {presets.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
                {item.isSystem ? ' (built in)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {preset ? (
        <div className="stack" data-testid="preset-detail">
          {preset.description ? <p className="muted">{preset.description}</p> : null}
          <dl>
            {Object.entries(preset.variables).map(([variable, value]) => (
              <div key={variable} className="row">
                <dt>{variable}</dt>
                <dd>{showTemplateValue(value)}</dd>
              </div>
            ))}
          </dl>
          <fieldset>
            <legend>Apply to</legend>
            {templates.map((template) => (
              <label key={template.id} className="choice">
                <input type="checkbox" checked={targets.includes(template.id)} onChange={(event) => toggle(template.id, event.target.checked)} />
                {template.name}
              </label>
            ))}
          </fieldset>
          <div className="actions">
            <button type="button" className="button secondary" onClick={runApply} aria-disabled={apply.busy || targets.length === 0 || undefined}>
              Apply to {targets.length} {targets.length === 1 ? 'template' : 'templates'}
            </button>
            {!preset.isSystem ? (
              <button type="button" className="button ghost" onClick={() => deletePreset(preset)} aria-disabled={remove.busy || undefined} aria-label={`Delete preset ${preset.name}`}>
                Delete preset
              </button>
            ) : null}
          </div>
          {apply.error ? (
            <p role="alert" className="error">
              {apply.error}
            </p>
          ) : null}
        </div>
      ) : null}
      {report ? (
        <div className="stack tight" role="status" data-testid="apply-report">
          <p>
            Applied to {report.applied.length}, failed for {report.failed.length}, skipped {report.skipped.length}.
          </p>
          <ul className="stack tight list-none p-0">
            {report.applied.map((item) => (
              <li key={item.templateId}>
                <span className="pill">applied</span> {names.get(item.templateId) ?? item.templateId}: version {item.version} ({item.variables.join(', ')})
                {item.rejected.length > 0 ? <span className="muted"> · not taken: {item.rejected.map((problem) => `${problem.field} ${problem.message}`).join('; ')}</span> : null}
              </li>
            ))}
            {report.failed.map((item) => (
              <li key={item.templateId}>
                <span className="pill">failed</span> {names.get(item.templateId) ?? item.templateId}: <span className="error">{item.reason}</span>
              </li>
            ))}
            {report.skipped.map((item) => (
              <li key={item.templateId}>
                <span className="pill">skipped</span> {names.get(item.templateId) ?? item.templateId}: <span className="muted">{item.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {Object.keys(values).length > 0 ? (
        <form className="fields" onSubmit={submitNew} aria-label="Save these values as a preset">
          <label>
            New preset from these values
            <input type="text" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} placeholder="My stack" aria-invalid={fields.name ? true : undefined} />
          </label>
          {Object.entries(fields).map(([field, message]) => (
            <span key={field} className="error">
              {field}: {message}
            </span>
          ))}
          <div className="actions">
            <button type="submit" className="button secondary" aria-disabled={create.busy || name.trim() === '' || undefined}>
              Save as preset
            </button>
          </div>
          {create.error ? (
            <p role="alert" className="error">
              {create.error}
            </p>
          ) : null}
        </form>
      ) : null}
      <StatusMessage status={status} />
    </article>
  );
}
