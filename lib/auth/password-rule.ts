import { z } from 'zod';

/**
 * The one rule for a new password, shared by sign-up (the form and the embedded auth server) and
 * password change. At most 72 characters, the most bcrypt-based servers such as Supabase Auth
 * read; a password of only spaces or control characters is refused because it is a slip, not a
 * choice (and control characters cannot be typed back reliably).
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;

export function hasVisibleCharacter(value: string): boolean {
  return /[^\s\p{Cc}\p{Cf}]/u.test(value);
}

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters for the password.`)
  .refine(hasVisibleCharacter, 'The password cannot be only spaces or control characters.')
  .refine((value) => !value.includes('\u0000'), 'The password cannot contain a NUL character.');
