'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIp } from '@/lib/api/client-ip';
import { textProblem } from '@/lib/api/text-rule';
import { newPasswordSchema, PASSWORD_MAX_LENGTH } from '@/lib/auth/password-rule';
import { safeReturnUrl } from '@/lib/auth/return-url';
import { supabaseFromCookies } from '@/lib/auth/session';
import { signInLimitKey } from '@/lib/auth/sign-in-limit';
import { checkRateLimit } from '@/lib/rate-limit/limiter';
import type { RateLimitPolicy } from '@/lib/rate-limit/policies';

export interface AuthFormState {
  error: string | null;
  email: string;
}

const cleanText = (value: string) => textProblem(value) === null;

const signInSchema = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(PASSWORD_MAX_LENGTH).refine(cleanText, 'The password contains characters that cannot be stored.'),
});

const signUpSchema = z.object({
  email: z.email('Enter a valid email address.').max(254),
  password: newPasswordSchema,
  displayName: z
    .string()
    .trim()
    .max(100, 'Use at most 100 characters for your name.')
    .refine(cleanText, 'Your name contains characters that cannot be stored.'),
});

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Null when the attempt may go ahead, otherwise what to tell the person. */
async function tooManyAttempts(policy: RateLimitPolicy, key: string, what: string): Promise<string | null> {
  const decision = await checkRateLimit(policy, key);
  if (decision.success) return null;
  const minutes = Math.max(1, Math.ceil((decision.reset - Date.now()) / 60_000));
  return `Too many ${what} from this network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export async function signIn(_: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = field(form, 'email');
  const parsed = signInSchema.safeParse({ email, password: field(form, 'password') });
  if (!parsed.success) return { error: parsed.error.issues[0]!.message, email };
  const limited = await tooManyAttempts('signIn', signInLimitKey(clientIp(await headers()), parsed.data.email), 'sign-in attempts for this account');
  if (limited) return { error: limited, email };
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
  const limited = await tooManyAttempts('signUp', clientIp(await headers()), 'sign-ups');
  if (limited) return { error: limited, email };
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
  // A session that cannot be read (a damaged cookie) is signed out all the same.
  await supabase.auth.signOut().catch(() => undefined);
  redirect('/signin');
}
