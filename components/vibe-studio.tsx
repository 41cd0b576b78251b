'use client';

import { useEffect, useRef, useState } from 'react';
import { VibeSliders } from '@/components/vibe-sliders';
import { ApiClientError, apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { AssemblyResult } from '@/lib/zod/schemas/assembly';
import {
  createPresetBodySchema,
  LOGGING_LEVELS,
  updateVibeBodySchema,
  vibeSettingsSchema,
  type Preset,
  type Slider,
  type Vibe,
  type VibeSettings,
} from '@/lib/zod/schemas/vibe';
import { BlendRecipeTable } from '@/components/blend-recipe-table';
import { StatusMessage, type Status } from '@/components/status-message';
import { useLeaveWarning } from '@/components/use-leave-warning';
import styles from '@/components/vibe-studio.module.css';

const SAMPLE_TASK = 'Draft a launch announcement for our new pricing page.';
const LEAVE_WARNING = 'Your vibe has unsaved changes. Leave without saving them?';

function settingsOf(vibe: VibeSettings): VibeSettings {
  return {
    playfulness: vibe.playfulness,
    revenueFocus: vibe.revenueFocus,
    investorPerspective: vibe.investorPerspective,
    selectedAtoms: vibe.selectedAtoms,
    customInstructions: vibe.customInstructions,
    autoSuggest: vibe.autoSuggest,
    approvalRequired: vibe.approvalRequired,
    loggingLevel: vibe.loggingLevel,
  };
}

const sameSettings = (a: VibeSettings, b: VibeSettings) => JSON.stringify(settingsOf(a)) === JSON.stringify(settingsOf(b));

/**
 * The vibe editor: settings on the left, a live preview of the assembled prompt on the right.
 * `saved` is the vibe as the server last confirmed it; the form is "unsaved" while it differs.
 * Saves send the version they are based on, so a save made in another tab meanwhile is not
 * overwritten: the server answers 409 and the person chooses what to keep.
 */
export function VibeStudio({ vibe, presets: initialPresets }: { vibe: Vibe; presets: Preset[] }) {
  const [saved, setSaved] = useState<Vibe>(vibe);
  const [settings, setSettings] = useState<VibeSettings>(settingsOf(vibe));
  const [presets, setPresets] = useState(initialPresets);
  const [task, setTask] = useState(SAMPLE_TASK);
  const [preview, setPreview] = useState<AssemblyResult | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [presetName, setPresetName] = useState('');
  // The first problem of a field, shown under it: from the API's schemas before sending, or the API's answer.
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'customInstructions' | 'presetName', string>>>({});
  const latest = useRef(0);
  const dirty = !sameSettings(settings, saved);
  useLeaveWarning(dirty, LEAVE_WARNING);

  // The preview follows every change (debounced); unsaved settings are sent as overrides.
  // Settings the API would refuse (too long instructions) are not previewed; the field says why.
  const previewable = vibeSettingsSchema.safeParse(settings).success;
  useEffect(() => {
    if (!task.trim() || !previewable) return;
    const request = ++latest.current;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<AssemblyResult>('/api/assemble-prompt', { method: 'POST', body: { task, vibe: settings }, signal: controller.signal })
        .then((result) => {
          if (request !== latest.current) return;
          setPreview(result);
          setPreviewError(null);
        })
        .catch((error: unknown) => {
          if (request === latest.current && !controller.signal.aborted) setPreviewError(errorMessage(error));
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [task, settings, previewable]);

  const update = (changes: Partial<VibeSettings>) => setSettings({ ...settings, ...changes });

  /** The server's vibe becomes both what is saved and what the form shows. */
  const adopt = (next: Vibe) => {
    setSaved(next);
    setSettings(settingsOf(next));
  };

  async function run(action: () => Promise<void>, done: string) {
    try {
      await action();
      setStatus({ kind: 'saved', text: done });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  async function save(basedOn: number) {
    const parsed = updateVibeBodySchema.safeParse({ ...settings, version: basedOn });
    const problem = parsed.success ? undefined : parsed.error.issues.find((issue) => issue.path[0] === 'customInstructions');
    setFieldErrors((current) => ({ ...current, customInstructions: problem?.message }));
    if (!parsed.success) {
      setStatus({ kind: 'error', text: problem ? 'The custom instructions need a change before the vibe can be saved.' : parsed.error.issues[0]!.message });
      return;
    }
    setSaving(true);
    setStatus(null);
    try {
      const result = await apiFetch<Vibe>('/api/vibe', { method: 'PUT', body: { ...settings, version: basedOn } });
      adopt(result);
      setConflict(null);
      setStatus({ kind: 'saved', text: 'Vibe saved.' });
    } catch (error) {
      if (error instanceof ApiClientError && error.code === 'conflict') setConflict(error.message);
      else {
        const onField = error instanceof ApiClientError ? /^customInstructions: (.+)$/.exec(error.message)?.[1] : undefined;
        if (onField) setFieldErrors((current) => ({ ...current, customInstructions: onField }));
        setStatus({ kind: 'error', text: errorMessage(error) });
      }
    } finally {
      setSaving(false);
    }
  }

  const loadNewer = () =>
    run(async () => {
      adopt(await apiFetch<Vibe>('/api/vibe'));
      setConflict(null);
    }, 'Loaded the version saved elsewhere. Your changes were not kept.');

  /** Keeps this form's settings and saves them over the newer version, knowingly. */
  async function overwrite() {
    try {
      await save((await apiFetch<Vibe>('/api/vibe')).version);
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  const discard = () => {
    setSettings(settingsOf(saved));
    setStatus(null);
  };

  async function savePreset() {
    const parsed = createPresetBodySchema.safeParse({ name: presetName, settings });
    const problem = parsed.success ? undefined : parsed.error.issues.find((issue) => issue.path[0] === 'name');
    setFieldErrors((current) => ({ ...current, presetName: problem?.message && `The name ${problem.message}.` }));
    if (!parsed.success) return;
    try {
      const created = await apiFetch<Preset>('/api/vibe/presets', { method: 'POST', body: parsed.data });
      setPresets([...presets, created].sort((a, b) => a.name.localeCompare(b.name)));
      setPresetName('');
      setStatus({ kind: 'saved', text: 'Preset saved.' });
    } catch (error) {
      // A name in use is about the name field; other refusals (too many presets) about the form.
      if (error instanceof ApiClientError && /already exists/.test(error.message)) setFieldErrors((current) => ({ ...current, presetName: error.message }));
      else setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  const applyPreset = (preset: Preset) => {
    if (dirty && !window.confirm(`Applying “${preset.name}” replaces your unsaved changes. Apply it?`)) return;
    void run(async () => {
      adopt(await apiFetch<Vibe>(`/api/vibe/presets/${preset.id}/apply`, { method: 'POST' }));
      setConflict(null);
    }, `Applied “${preset.name}”.`);
  };

  const renamePreset = (preset: Preset) => {
    const name = window.prompt('New name for this preset', preset.name);
    if (!name || name === preset.name) return;
    void run(async () => {
      const renamed = await apiFetch<Preset>(`/api/vibe/presets/${preset.id}`, { method: 'PATCH', body: { name } });
      setPresets(presets.map((p) => (p.id === renamed.id ? renamed : p)));
    }, 'Preset renamed.');
  };

  const deletePreset = (preset: Preset) =>
    run(async () => {
      await apiFetch(`/api/vibe/presets/${preset.id}`, { method: 'DELETE' });
      setPresets(presets.filter((p) => p.id !== preset.id));
    }, `Deleted “${preset.name}”.`);

  const sliders: Record<Slider, number> = {
    playfulness: settings.playfulness,
    revenueFocus: settings.revenueFocus,
    investorPerspective: settings.investorPerspective,
  };

  return (
    <div className="studio">
      <section className="card fields" aria-labelledby="vibe-title">
        <div className={styles.head}>
          <h1 id="vibe-title">Your vibe</h1>
          <span role="status" className={dirty ? styles.unsaved : 'muted'} data-testid="save-state">
            {dirty ? 'Unsaved changes' : 'All changes saved'}
          </span>
        </div>
        <VibeSliders values={sliders} onChange={(slider, value) => update({ [slider]: value })} />
        <label>
          Custom instructions <span className="muted">({settings.customInstructions.length}/2000)</span>
          <textarea
            name="customInstructions"
            rows={3}
            aria-invalid={fieldErrors.customInstructions ? true : undefined}
            aria-describedby={fieldErrors.customInstructions ? 'vibe-customInstructions-error' : undefined}
            value={settings.customInstructions}
            onChange={(e) => update({ customInstructions: e.target.value })}
          />
          {fieldErrors.customInstructions ? (
            <span className="error field-error" id="vibe-customInstructions-error">
              Custom instructions {fieldErrors.customInstructions}.
            </span>
          ) : null}
        </label>
        <label className="choice">
          <input type="checkbox" name="autoSuggest" checked={settings.autoSuggest} onChange={(e) => update({ autoSuggest: e.target.checked })} />
          Suggest work from repository events
        </label>
        <label className="choice">
          <input type="checkbox" name="approvalRequired" checked={settings.approvalRequired} onChange={(e) => update({ approvalRequired: e.target.checked })} />
          Ask me before acting on a suggestion
        </label>
        <label>
          Logging
          <select name="loggingLevel" value={settings.loggingLevel} onChange={(e) => update({ loggingLevel: e.target.value as VibeSettings['loggingLevel'] })}>
            {LOGGING_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => void save(saved.version)}>
            {saving ? 'Saving…' : 'Save vibe'}
          </button>
          {dirty ? (
            <button type="button" className="button secondary" disabled={saving} onClick={discard}>
              Discard changes
            </button>
          ) : null}
        </div>
        {conflict ? (
          <div role="alert" className={styles.conflict}>
            <p>{conflict}</p>
            <div className="actions">
              <button type="button" className="button" onClick={() => void loadNewer()}>
                Load the newer version
              </button>
              <button type="button" className="button secondary" onClick={() => void overwrite()}>
                Save mine over it
              </button>
            </div>
          </div>
        ) : null}
        <StatusMessage status={status} />

        <h2>Presets</h2>
        <div className="row">
          <input
            aria-label="Preset name"
            placeholder="Preset name"
            aria-invalid={fieldErrors.presetName ? true : undefined}
            aria-describedby={fieldErrors.presetName ? 'vibe-presetName-error' : undefined}
            value={presetName}
            onChange={(e) => setPresetName(e.target.value)}
          />
          <button type="button" className="button secondary" disabled={!presetName.trim()} onClick={() => void savePreset()}>
            Save as preset
          </button>
        </div>
        {fieldErrors.presetName ? (
          <span className="error field-error" id="vibe-presetName-error">
            {fieldErrors.presetName}
          </span>
        ) : null}
        {presets.length === 0 ? <p className="muted">No presets yet.</p> : null}
        <ul className="presets" aria-label="Presets">
          {presets.map((preset) => (
            <li key={preset.id} data-testid="preset">
              <span className="preset-name">{preset.name}</span>
              <span className="muted">
                {preset.playfulness}/{preset.revenueFocus}/{preset.investorPerspective}
              </span>
              <button type="button" className="link" onClick={() => applyPreset(preset)}>
                Apply
              </button>
              <button type="button" className="link" onClick={() => renamePreset(preset)}>
                Rename
              </button>
              <button type="button" className="link danger" onClick={() => void deletePreset(preset)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Prompt preview</h2>
        <label className={styles.task}>
          Try a task
          <textarea name="task" rows={2} maxLength={8000} value={task} onChange={(e) => setTask(e.target.value)} />
        </label>
        {!previewable ? <p className="muted">The preview follows again once the settings on the left can be saved.</p> : null}
        {previewable && previewError ? (
          <p role="alert" className="error">
            {previewError}
          </p>
        ) : null}
        {preview ? (
          <>
            <p className="muted" data-testid="token-estimate">
              {preview.tokenEstimate.total} tokens ({preview.tokenEstimate.encoding}) · {preview.context.atomsSelected} of {preview.context.atomsConsidered} atoms
            </p>
            <BlendRecipeTable items={preview.blendRecipe} label="Blend recipe" />
            <details open>
              <summary>System prompt</summary>
              <pre data-testid="system-prompt" tabIndex={0}>{preview.systemPrompt}</pre>
            </details>
            <details>
              <summary>User prompt</summary>
              <pre data-testid="user-prompt" tabIndex={0}>{preview.userPrompt}</pre>
            </details>
          </>
        ) : (
          <p className="muted">Assembling…</p>
        )}
      </section>
    </div>
  );
}
