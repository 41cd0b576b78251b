'use client';

import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { StatusMessage, type Status } from '@/components/status-message';
import { LineDiffView } from '@/components/templates/line-diff-view';
import styles from '@/components/templates/templates.module.css';
import { textToList, VariableFields } from '@/components/templates/variable-fields';
import { apiFetch, ApiClientError, errorMessage, fieldErrors } from '@/lib/client/api-fetch';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import type { TemplateValue } from '@/lib/templates/render-template';
import type { Customization } from '@/lib/zod/schemas/templates';

interface Preview {
  base: { prompt: string; baseVersion: string };
  customized: { prompt: string; baseVersion: string };
  diff: { lines: { op: 'equal' | 'insert' | 'delete'; line: string }[]; similarity: number };
}

const MAX_INSTRUCTIONS = 5000;

/** What is sent: lists cleaned of blank lines, every other value as typed. */
function draftValues(variables: TemplateVariable[], values: Record<string, TemplateValue>): Record<string, TemplateValue> {
  const out: Record<string, TemplateValue> = {};
  for (const variable of variables) {
    const value = values[variable.name];
    if (value === undefined) continue;
    out[variable.name] = variable.type === 'list' && Array.isArray(value) ? textToList(value.join('\n')) : value;
  }
  return out;
}

/**
 * Customising a template: the form generated from its variables, custom instructions and the
 * switch that says whether it is used; Check asks the server (the same rules as saving), Preview
 * renders the base with its defaults and these values side by side with their line diff, and Save
 * writes a new version (refused with a clear message if it was saved elsewhere meanwhile).
 */
export function CustomizeForm({ templateId, variables, customization }: { templateId: string; variables: TemplateVariable[]; customization: Customization | null }) {
  const router = useRouter();
  const id = useId();
  const [values, setValues] = useState<Record<string, TemplateValue>>(() =>
    Object.fromEntries(variables.map((variable) => [variable.name, customization?.values[variable.name] ?? variable.default])),
  );
  const [instructions, setInstructions] = useState(customization?.customInstructions ?? '');
  const [enabled, setEnabled] = useState(customization?.enabled ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'check' | 'preview'>(null);
  const version = customization?.version ?? 0;

  const draft = () => ({ variables: draftValues(variables, values), customInstructions: instructions });

  async function call(kind: 'save' | 'check' | 'preview') {
    if (busy) return;
    setBusy(kind);
    setStatus(null);
    try {
      if (kind === 'save') {
        const saved = await apiFetch<Customization>(`/api/templates/${templateId}/customization`, { method: 'PUT', body: { ...draft(), enabled, expectedVersion: version } });
        setErrors({});
        setStatus({ kind: 'saved', text: `Saved as version ${saved.version}.` });
        router.refresh();
      } else if (kind === 'check') {
        const result = await apiFetch<{ valid: boolean; errors: { field: string; message: string }[] }>(`/api/templates/${templateId}/customization/validate`, {
          method: 'POST',
          body: draft(),
        });
        const found = Object.fromEntries(result.errors.map((error) => [error.field, error.message]));
        setErrors(found);
        setStatus(result.valid ? { kind: 'saved', text: 'Every value is valid.' } : { kind: 'error', text: `${result.errors.length === 1 ? 'One value needs' : `${result.errors.length} values need`} a change.` });
      } else {
        setPreview(await apiFetch<Preview>(`/api/templates/${templateId}/customization/preview`, { method: 'POST', body: draft() }));
        setErrors({});
      }
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(fields);
      const conflict = error instanceof ApiClientError && error.code === 'conflict';
      setStatus({ kind: 'error', text: conflict ? `${errorMessage(error)}` : Object.keys(fields).length > 0 ? 'Some values need a change; see the fields.' : errorMessage(error) });
    } finally {
      setBusy(null);
    }
  }

  const variableErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([field]) => field.startsWith('variables.'))
      .map(([field, message]) => [field.slice('variables.'.length), message]),
  );
  const instructionsError = errors.customInstructions;

  return (
    <>
      <form
        className="card fields"
        aria-labelledby={`${id}-title`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void call('save');
        }}
      >
        <div>
          <h2 id={`${id}-title`}>{customization ? `Your customisation (version ${customization.version})` : 'Customise'}</h2>
          <p className="muted">
            {customization
              ? `Made on template version ${customization.baseVersion ?? '?'}. Saving keeps every earlier version in the history.`
              : 'Set the values for your project; anything you leave keeps its default. Nothing is saved until you press Save.'}
          </p>
        </div>
        {variables.length === 0 ? <p className="muted">This template has no variables; custom instructions still apply.</p> : null}
        <VariableFields variables={variables} values={values} errors={variableErrors} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} />
        <label htmlFor={`${id}-instructions`}>
          Custom instructions <span className="muted">(optional)</span>
          <textarea
            id={`${id}-instructions`}
            name="customInstructions"
            rows={4}
            maxLength={MAX_INSTRUCTIONS}
            value={instructions}
            onChange={(event) => setInstructions(event.target.value)}
            placeholder="Added after the template's prompt, e.g. “We deploy to Fly.io, not Vercel.”"
            aria-invalid={instructionsError ? true : undefined}
            aria-describedby={instructionsError ? `${id}-instructions-error` : `${id}-instructions-hint`}
          />
          <span className="muted field-error" id={`${id}-instructions-hint`}>
            May use the template’s variables as {'{{name}}'}. {instructions.length.toLocaleString('en-US')} / {MAX_INSTRUCTIONS.toLocaleString('en-US')}
          </span>
          {instructionsError ? (
            <span className="error field-error" id={`${id}-instructions-error`} role="alert">
              {instructionsError}
            </span>
          ) : null}
        </label>
        <label className="choice">
          <input type="checkbox" name="enabled" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          Use my customisation (off: templates attached in the chat use the defaults)
        </label>
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy !== null || undefined}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="button secondary" onClick={() => void call('check')} aria-disabled={busy !== null || undefined}>
            {busy === 'check' ? 'Checking…' : 'Check values'}
          </button>
          <button type="button" className="button secondary" onClick={() => void call('preview')} aria-disabled={busy !== null || undefined}>
            {busy === 'preview' ? 'Rendering…' : 'Preview'}
          </button>
        </div>
        <StatusMessage status={status} />
      </form>
      {preview ? (
        <article className="card stack" aria-labelledby={`${id}-preview`} data-testid="preview">
          <h2 id={`${id}-preview`}>Preview</h2>
          <div className={styles.sideBySide}>
            <section aria-label="Base template with its defaults">
              <h3>Base (version {preview.base.baseVersion}, defaults)</h3>
              <pre className={styles.prompt} data-testid="preview-base">
                {preview.base.prompt}
              </pre>
            </section>
            <section aria-label="Customised">
              <h3>Customised (these values, unsaved)</h3>
              <pre className={styles.prompt} data-testid="preview-customized">
                {preview.customized.prompt}
              </pre>
            </section>
          </div>
          <LineDiffView lines={preview.diff.lines} similarity={preview.diff.similarity} label="What your values change" />
        </article>
      ) : null}
    </>
  );
}
