'use client';

import { useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { ROLE_LABELS, STACK_LABELS, VERTICAL_LABELS } from '@/lib/client/labels';
import { RISK_TOLERANCES, ROLES, STACK_FLAGS, VERTICALS, updateProfileBodySchema, type Profile } from '@/lib/zod/schemas/profile';
import { StatusMessage, type Status } from '@/components/status-message';
import { TimeZoneCombobox } from '@/components/time-zone-combobox';

const splitList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Every profile field, validated with the same schema the API uses before anything is sent. */
export function ProfileForm({ profile }: { profile: Profile }) {
  const [form, setForm] = useState({
    displayName: profile.displayName ?? '',
    role: profile.role ?? '',
    vertical: profile.vertical ?? '',
    stack: profile.stack,
    tone: profile.tone ?? '',
    riskTolerance: profile.riskTolerance ?? '',
    kpiFocus: profile.kpiFocus.join(', '),
    brandVoice: profile.brandVoice ?? '',
    companyContext: profile.companyContext ?? '',
    preferredModels: profile.preferredModels.join(', '),
    timezone: profile.timezone,
  });
  const [status, setStatus] = useState<Status | null>(null);
  // The first problem of each field, shown under it (and linked to it for screen readers).
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm((current) => ({ ...current, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = {
      displayName: form.displayName.trim() || null,
      role: form.role || null,
      vertical: form.vertical || null,
      stack: form.stack,
      tone: form.tone.trim() || null,
      riskTolerance: form.riskTolerance || null,
      kpiFocus: splitList(form.kpiFocus),
      brandVoice: form.brandVoice || null,
      companyContext: form.companyContext || null,
      preferredModels: splitList(form.preferredModels),
      timezone: form.timezone,
    };
    const parsed = updateProfileBodySchema.safeParse(body);
    if (!parsed.success) {
      const found: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as keyof typeof form;
        found[field] ??= issue.message;
      }
      setErrors(found);
      setStatus({ kind: 'error', text: 'Some fields need a change before the profile can be saved.' });
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await apiFetch<Profile>('/api/profile', { method: 'PUT', body: parsed.data });
      setStatus({ kind: 'saved', text: 'Saved.' });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  }

  const invalid = (field: keyof typeof form) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `profile-${field}-error` } : {};
  const fieldError = (field: keyof typeof form) =>
    errors[field] ? (
      <span className="error field-error" id={`profile-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="card fields" onSubmit={submit} noValidate>
      <h1>Profile</h1>
      <label>
        Name
        <input name="displayName" {...invalid('displayName')} maxLength={100} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} />
        {fieldError('displayName')}
      </label>
      <div className="row">
        <label>
          Role
          <select name="role" {...invalid('role')} value={form.role} onChange={(e) => set('role', e.target.value)}>
            <option value="">Not set</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        {fieldError('role')}
        </label>
        <label>
          Vertical
          <select name="vertical" {...invalid('vertical')} value={form.vertical} onChange={(e) => set('vertical', e.target.value)}>
            <option value="">Not set</option>
            {VERTICALS.map((vertical) => (
              <option key={vertical} value={vertical}>
                {VERTICAL_LABELS[vertical]}
              </option>
            ))}
          </select>
        {fieldError('vertical')}
        </label>
      </div>
      <fieldset className="choices">
        <legend>Tools you use</legend>
        {STACK_FLAGS.map((flag) => (
          <label key={flag} className="choice">
            <input type="checkbox" name={flag} checked={form.stack[flag]} onChange={(e) => set('stack', { ...form.stack, [flag]: e.target.checked })} />
            {STACK_LABELS[flag]}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label>
          Tone
          <input name="tone" {...invalid('tone')} maxLength={50} placeholder="e.g. direct, warm" value={form.tone} onChange={(e) => set('tone', e.target.value)} />
        {fieldError('tone')}
        </label>
        <label>
          Risk tolerance
          <select name="riskTolerance" {...invalid('riskTolerance')} value={form.riskTolerance} onChange={(e) => set('riskTolerance', e.target.value)}>
            <option value="">Not set</option>
            {RISK_TOLERANCES.map((risk) => (
              <option key={risk} value={risk}>
                {risk}
              </option>
            ))}
          </select>
        {fieldError('riskTolerance')}
        </label>
      </div>
      <label>
        KPI focus <span className="muted">(comma-separated, up to 10)</span>
        <input name="kpiFocus" {...invalid('kpiFocus')} value={form.kpiFocus} onChange={(e) => set('kpiFocus', e.target.value)} />
        {fieldError('kpiFocus')}
      </label>
      <label>
        Brand voice <span className="muted">({form.brandVoice.length}/500)</span>
        <textarea name="brandVoice" {...invalid('brandVoice')} rows={3} value={form.brandVoice} onChange={(e) => set('brandVoice', e.target.value)} />
        {fieldError('brandVoice')}
      </label>
      <label>
        Company context <span className="muted">({form.companyContext.length}/2000)</span>
        <textarea name="companyContext" {...invalid('companyContext')} rows={6} value={form.companyContext} onChange={(e) => set('companyContext', e.target.value)} />
        {fieldError('companyContext')}
      </label>
      <div className="row">
        <label>
          Preferred models <span className="muted">(comma-separated)</span>
          <input name="preferredModels" {...invalid('preferredModels')} value={form.preferredModels} onChange={(e) => set('preferredModels', e.target.value)} />
        {fieldError('preferredModels')}
        </label>
        <TimeZoneCombobox name="timezone" value={form.timezone} onChange={(zone) => set('timezone', zone)} error={errors.timezone} suggestBrowserZone />
      </div>
      <StatusMessage status={status} />
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
      </div>
    </form>
  );
}
