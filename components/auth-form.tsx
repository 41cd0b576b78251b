'use client';

import { LoaderCircle, LogIn, UserPlus } from 'lucide-react';
import Link from 'next/link';
import { useActionState } from 'react';
import type { AuthFormState } from '@/app/auth-actions';
import { BrandMark } from '@/components/ui/brand-mark';

interface AuthFormProps {
  mode: 'signin' | 'signup';
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  returnUrl: string | undefined;
}

export function AuthForm({ mode, action, returnUrl }: AuthFormProps) {
  const [state, formAction, pending] = useActionState(action, { error: null, email: '' });
  const signUp = mode === 'signup';
  const otherHref = `${signUp ? '/signin' : '/signup'}${returnUrl ? `?returnUrl=${encodeURIComponent(returnUrl)}` : ''}`;
  const SubmitIcon = pending ? LoaderCircle : signUp ? UserPlus : LogIn;
  return (
    <form action={formAction} className="card auth-form" noValidate>
      <div className="auth-head">
        <BrandMark />
        <h1>{signUp ? 'Create your account' : 'Sign in'}</h1>
        <p className="muted">
          {signUp ? 'Every account starts on the free plan; upgrade whenever you need more.' : 'Welcome back. Pick up where you left off.'}
        </p>
      </div>
      {returnUrl ? <input type="hidden" name="returnUrl" value={returnUrl} /> : null}
      {signUp ? (
        <label>
          <span>
            Your name <span className="muted">(optional)</span>
          </span>
          <input name="displayName" autoComplete="name" maxLength={100} />
        </label>
      ) : null}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required maxLength={254} defaultValue={state.email} placeholder="you@company.com" />
      </label>
      <div className="stack tight">
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={signUp ? 'new-password' : 'current-password'}
            required
            minLength={signUp ? 8 : undefined}
            maxLength={72}
            aria-describedby={signUp ? 'password-help' : undefined}
          />
        </label>
        {signUp ? (
          <p id="password-help" className="muted field-error">
            8 to 72 characters.
          </p>
        ) : null}
      </div>
      {state.error ? (
        <p role="alert" className="error form-alert">
          {state.error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={pending}>
        <SubmitIcon aria-hidden="true" className={pending ? 'spin' : undefined} />
        {pending ? 'Please wait…' : signUp ? 'Sign up' : 'Sign in'}
      </button>
      {/* Not prefetched: right after this form succeeds the other auth page only redirects to the app. */}
      <p className="muted auth-switch">
        {signUp ? 'Already have an account? ' : 'New here? '}
        <Link href={otherHref} prefetch={false}>{signUp ? 'Sign in' : 'Create an account'}</Link>
      </p>
    </form>
  );
}
