'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthFormState } from '@/app/auth-actions';

interface AuthFormProps {
  mode: 'signin' | 'signup';
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  returnUrl: string | undefined;
}

export function AuthForm({ mode, action, returnUrl }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, { error: null, email: '' });
  const signUp = mode === 'signup';
  const otherHref = `${signUp ? '/signin' : '/signup'}${returnUrl ? `?returnUrl=${encodeURIComponent(returnUrl)}` : ''}`;
  return (
    <form action={formAction} className="card auth-form" noValidate>
      <h1>{signUp ? 'Create your account' : 'Sign in'}</h1>
      {returnUrl ? <input type="hidden" name="returnUrl" value={returnUrl} /> : null}
      {signUp ? (
        <label>
          Your name <span className="muted">(optional)</span>
          <input name="displayName" autoComplete="name" maxLength={100} />
        </label>
      ) : null}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={state.email} />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete={signUp ? 'new-password' : 'current-password'}
          required
          minLength={signUp ? 8 : undefined}
          maxLength={72}
        />
      </label>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Please wait…' : signUp ? 'Sign up' : 'Sign in'}
      </button>
      <p className="muted">
        {signUp ? 'Already have an account? ' : 'New here? '}
        <Link href={otherHref}>{signUp ? 'Sign in' : 'Create an account'}</Link>
      </p>
    </form>
  );
}
