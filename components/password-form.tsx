'use client';

import { useActionState } from 'react';
import type { PasswordFormState } from '@/app/settings/password-actions';
import { StatusMessage } from '@/components/status-message';

interface PasswordFormProps {
  action: (state: PasswordFormState, form: FormData) => Promise<PasswordFormState>;
  /** For password managers: they file the new password under this account. */
  email: string;
}

/** Change the password: the current one, the new one twice. Other devices are signed out after. */
export function PasswordForm({ action, email }: PasswordFormProps) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle', message: null });
  return (
    <form action={formAction} className="card fields" noValidate>
      <h2>Password</h2>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required maxLength={72} />
      </label>
      <div className="row">
        <label>
          New password <span className="muted">(8–72 characters)</span>
          <input name="newPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={72} />
        </label>
        <label>
          New password again
          <input name="confirmPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={72} />
        </label>
      </div>
      <StatusMessage status={state.status === 'idle' || !state.message ? null : { kind: state.status, text: state.message }} />
      <div className="actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
