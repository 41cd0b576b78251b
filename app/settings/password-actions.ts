'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { clientIp } from '@/lib/api/client-ip';
import { textProblem } from '@/lib/api/text-rule';
import { newPasswordSchema, PASSWORD_MAX_LENGTH } from '@/lib/auth/password-rule';
import { supabaseFromCookies } from '@/lib/auth/session';
import { signInLimitKey } from '@/lib/auth/sign-in-limit';
import { createStatelessAuthClient } from '@/lib/auth/supabase';
import { logger } from '@/lib/observability/logger';
import { checkRateLimit } from '@/lib/rate-limit/limiter';

export interface PasswordFormState {
  status: 'idle' | 'error' | 'saved';
  message: string | null;
}

const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, 'Enter your current password.')
      .max(PASSWORD_MAX_LENGTH)
      .refine((value) => textProblem(value) === null, 'Enter your current password.'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { message: 'The two new passwords are not the same.' })
  .refine((input) => input.newPassword !== input.currentPassword, { message: 'Choose a password other than your current one.' });

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

const fail = (message: string): PasswordFormState => ({ status: 'error', message });

/**
 * Changes the signed-in user's password. A sensitive action, so the session is re-checked with the
 * auth server (getUser) instead of trusting locally verified claims, which outlive a sign-out
 * elsewhere until they expire; the current password is asked for, with the sign-in rate limit; and
 * every other session of the account is ended afterwards. Only the browser session (the cookie)
 * can do this: an API bearer token cannot change a password.
 */
export async function changePassword(_: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const parsed = changePasswordSchema.safeParse({
    currentPassword: field(form, 'currentPassword'),
    newPassword: field(form, 'newPassword'),
    confirmPassword: field(form, 'confirmPassword'),
  });
  if (!parsed.success) return fail(parsed.error.issues[0]!.message);

  const supabase = await supabaseFromCookies();
  const { data, error: sessionError } = await supabase.auth.getUser().catch(() => ({ data: { user: null }, error: true }));
  const email = data.user?.email;
  if (sessionError || !email) return fail('Your session has ended. Sign in again to change your password.');

  const limit = await checkRateLimit('signIn', signInLimitKey(clientIp(await headers()), email));
  if (!limit.success) return fail('Too many password attempts for this account. Try again in a few minutes.');

  // The current password is checked by signing in with it on a throwaway session, ended at once.
  const check = createStatelessAuthClient();
  const { error: wrongPassword } = await check.auth.signInWithPassword({ email, password: parsed.data.currentPassword });
  if (wrongPassword) return fail(wrongPassword.code === 'invalid_credentials' ? 'Your current password is not right.' : wrongPassword.message);
  await check.auth.signOut({ scope: 'local' });

  const { error: updateError } = await supabase.auth.updateUser({ password: parsed.data.newPassword });
  if (updateError) return fail(updateError.message);
  const { error: othersError } = await supabase.auth.signOut({ scope: 'others' });
  if (othersError) logger.warn({ err: othersError }, 'password changed, but other sessions could not be ended');
  return { status: 'saved', message: 'Password changed. Every other device signed in to this account has been signed out.' };
}
