'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { safeReturnUrl } from '@/lib/auth/return-url';
import { supabaseFromCookies } from '@/lib/auth/session';

export interface AuthFormState {
  error: string | null;
  email: string;
}

const signInSchema = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(72),
});

const signUpSchema = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(8, 'Use at least 8 characters for the password.').max(72, 'Use at most 72 characters.'),
  displayName: z.string().trim().max(100, 'Use at most 100 characters for your name.'),
});

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export async function signIn(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, 'email');
  const parsed = signInSchema.safeParse({ email, password: field(form, 'password') });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  const supabase = await supabaseFromCookies();
  const { error } = await supabase.auth.signInWithPassword(parsed.data);
  if (error) {
    return { error: error.code === 'invalid_credentials' ? 'Wrong email or password.' : error.message, email };
  }
  redirect(safeReturnUrl(field(form, 'returnUrl')));
}

export async function signUp(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, 'email');
  const parsed = signUpSchema.safeParse({
    email,
    password: field(form, 'password'),
    displayName: field(form, 'displayName'),
  });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  const supabase = await supabaseFromCookies();
  const { data, error } = await supabase.auth.signUp({
    email: parsed.data.email,
    password: parsed.data.password,
    options: { data: parsed.data.displayName ? { display_name: parsed.data.displayName } : {} },
  });
  if (error) {
    return {
      error: error.code === 'user_already_exists' ? 'An account with this email already exists. Sign in instead.' : error.message,
      email,
    };
  }
  if (!data.session) {
    return { error: 'Check your email to confirm your account, then sign in.', email };
  }
  // A new account starts with onboarding unless it was sent here from a specific page.
  redirect(safeReturnUrl(field(form, 'returnUrl'), '/onboarding'));
}

export async function signOut(): Promise<void> {
  const supabase = await supabaseFromCookies();
  await supabase.auth.signOut();
  redirect('/signin');
}
