'use client';

import { useEffect, useRef, useState } from 'react';
import { VibeSliders } from '@/components/vibe-sliders';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { AssemblyResult } from '@/lib/zod/schemas/assembly';
import { LOGGING_LEVELS, type Preset, type Slider, type Vibe, type VibeSettings } from '@/lib/zod/schemas/vibe';
import { BlendRecipeTable } from '@/components/blend-recipe-table';
import { StatusMessage, type Status } from '@/components/status-message';

const SAMPLE_TASK = 'Draft a launch announcement for our new pricing page.';

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

/** The vibe editor: settings on the left, a live preview of the assembled prompt on the right. */
export function VibeStudio({ vibe, presets: initialPresets }: { vibe: Vibe; presets: Preset[] }) {
  const [settings, setSettings] = useState<VibeSettings>(settingsOf(vibe));
  const [presets, setPresets] = useState(initialPresets);
  const [task, setTask] = useState(SAMPLE_TASK);
  const [preview, setPreview] = useState<AssemblyResult | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [presetName, setPresetName] = useState('');
  const latest = useRef(0);

  // The preview follows every change (debounced); unsaved settings are sent as overrides.
  useEffect(() => {
    if (!task.trim()) return;
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
  }, [task, settings]);

  const update = (changes: Partial<VibeSettings>) => setSettings({ ...settings, ...changes });

  async function run(action: () => Promise<void>, done: string) {
    try {
      await action();
      setStatus({ kind: 'saved', text: done });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  const save = () =>
    run(async () => {
      setSettings(settingsOf(await apiFetch<Vibe>('/api/vibe', { method: 'PUT', body: settings })));
    }, 'Vibe saved.');

  const savePreset = () =>
    run(async () => {
      const created = await apiFetch<Preset>('/api/vibe/presets', { method: 'POST', body: { name: presetName, settings } });
      setPresets([...presets, created].sort((a, b) => a.name.localeCompare(b.name)));
      setPresetName('');
    }, 'Preset saved.');

  const applyPreset = (preset: Preset) =>
    run(async () => {
      setSettings(settingsOf(await apiFetch<Vibe>(`/api/vibe/presets/${preset.id}/apply`, { method: 'POST' })));
    }, `Applied “${preset.name}”.`);

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
        <h1 id="vibe-title">Your vibe</h1>
        <VibeSliders values={sliders} onChange={(slider, value) => update({ [slider]: value })} />
        <label>
          Custom instructions <span className="muted">({settings.customInstructions.length}/2000)</span>
          <textarea
            name="customInstructions"
            rows={3}
            maxLength={2000}
            value={settings.customInstructions}
            onChange={(e) => update({ customInstructions: e.target.value })}
          />
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
          <button type="button" className="button" onClick={() => void save()}>
            Save vibe
          </button>
        </div>
        <StatusMessage status={status} />

        <h2>Presets</h2>
        <div className="row">
          <input aria-label="Preset name" placeholder="Preset name" maxLength={80} value={presetName} onChange={(e) => setPresetName(e.target.value)} />
          <button type="button" className="button secondary" disabled={!presetName.trim()} onClick={() => void savePreset()}>
            Save as preset
          </button>
        </div>
        {presets.length === 0 ? <p className="muted">No presets yet.</p> : null}
        <ul className="presets" aria-label="Presets">
          {presets.map((preset) => (
            <li key={preset.id} data-testid="preset">
              <span className="preset-name">{preset.name}</span>
              <span className="muted">
                {preset.playfulness}/{preset.revenueFocus}/{preset.investorPerspective}
              </span>
              <button type="button" className="link" onClick={() => void applyPreset(preset)}>
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
        <label>
          Try a task
          <textarea name="task" rows={2} maxLength={8000} value={task} onChange={(e) => setTask(e.target.value)} />
        </label>
        {previewError ? (
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
              <pre data-testid="system-prompt">{preview.systemPrompt}</pre>
            </details>
            <details>
              <summary>User prompt</summary>
              <pre data-testid="user-prompt">{preview.userPrompt}</pre>
            </details>
          </>
        ) : (
          <p className="muted">Assembling…</p>
        )}
      </section>
    </div>
  );
}
