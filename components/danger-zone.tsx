'use client';

import { useState } from 'react';
import { ApiClientError, apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { AccountDataSummary } from '@/lib/account/get-account-data-summary';
import { deleteAccountBodySchema } from '@/lib/zod/schemas/account';
import styles from '@/components/danger-zone.module.css';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Settings → Your data: download everything as JSON. */
export function DataExport() {
  return (
    <section className="card fields" aria-labelledby="your-data-title">
      <h2 id="your-data-title">Your data</h2>
      <p className="muted">
        One JSON file with everything stored about you: your account, profile, vibe and presets, every run with its prompts, answer and
        feedback, and your usage.
      </p>
      <div className="actions">
        <a className="button secondary" href="/api/me/export" download>
          Download my data (JSON)
        </a>
      </div>
    </section>
  );
}

/**
 * Settings → Delete account. Opening the confirmation says exactly what goes; deleting needs the
 * current password (checked by the server, with the session re-checked). Afterwards the browser
 * is signed out and taken to the home page.
 */
export function DangerZone({ email, summary }: { email: string; summary: AccountDataSummary }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = deleteAccountBodySchema.safeParse({ password });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]!.message);
      return;
    }
    setFieldError(null);
    setFormError(null);
    setDeleting(true);
    try {
      await apiFetch('/api/me', { method: 'DELETE', body: parsed.data });
      // A full load: the header and every cached page still show the account until then.
      window.location.replace('/');
    } catch (error) {
      setDeleting(false);
      if (error instanceof ApiClientError && (error.code === 'forbidden' || error.code === 'validation_failed')) {
        setFieldError(error.message.replace(/^password: /, ''));
      } else {
        setFormError(errorMessage(error));
      }
    }
  }

  const cancel = () => {
    setOpen(false);
    setPassword('');
    setFieldError(null);
    setFormError(null);
  };

  return (
    <section className={`card fields ${styles.zone}`} aria-labelledby="delete-account-title">
      <h2 id="delete-account-title">Delete account</h2>
      <p className="muted">Deleting your account cannot be undone. Download your data first if you want to keep a copy.</p>
      {open ? (
        <form className="fields" onSubmit={submit} noValidate aria-describedby="delete-account-what">
          <div id="delete-account-what">
            <p>This deletes, for good:</p>
            <ul className={styles.list}>
              <li>
                your account <strong>{email}</strong> and its sign-in, on every device
              </li>
              <li>your profile (role, company, stack, tone, KPIs, brand voice, time zone)</li>
              <li>your vibe and {plural(summary.presets, 'preset', 'presets')}</li>
              <li>{plural(summary.runs, 'run', 'runs')}, with their prompts, answers and feedback</li>
              <li>your usage records</li>
              {summary.organizations > 0 ? (
                <li>{plural(summary.organizations, 'organization', 'organizations')} you own, with their members and invitations</li>
              ) : null}
            </ul>
          </div>
          <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
          <label>
            Type your current password to confirm
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={72}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? 'delete-password-error' : undefined}
            />
            {fieldError ? (
              <span className="error field-error" id="delete-password-error">
                {fieldError}
              </span>
            ) : null}
          </label>
          {formError ? (
            <p role="alert" className="error">
              {formError}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button danger" disabled={deleting}>
              {deleting ? 'Deleting…' : 'Delete my account and all its data'}
            </button>
            <button type="button" className="button secondary" disabled={deleting} onClick={cancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="button danger" onClick={() => setOpen(true)}>
            Delete account…
          </button>
        </div>
      )}
    </section>
  );
}
