import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hasVisibleCharacter, newPasswordSchema } from '@/lib/auth/password-rule';

function problems(password: string): string[] {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('hasVisibleCharacter', () => {
  it.each([
    ['a', true],
    ['   a   ', true],
    ['é', true],
    ['😀', true],
    ['\u0000x', true],
    ['', false],
    [' \t\n\r\u00a0\u2003\u3000', false],
    ['\u0000\u0001\u001f\u007f\u009f', false],
    // Format characters: zero-width space and joiner, soft hyphen, byte-order mark, bidi marks
    ['\u200b\u200d\u00ad\ufeff\u200e\u202e', false],
  ])('%j → %s', (value, visible) => {
    expect(hasVisibleCharacter(value)).toBe(visible);
  });
});

describe('newPasswordSchema', () => {
  it('takes 8 to 72 characters', () => {
    expect([PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH]).toEqual([8, 72]);
    expect(problems('a'.repeat(8))).toEqual([]);
    expect(problems('a'.repeat(72))).toEqual([]);
    expect(problems('correct horse battery staple')).toEqual([]);
    expect(problems('a'.repeat(7))).toEqual(['Use at least 8 characters for the password.']);
    expect(problems('a'.repeat(73))).toEqual(['Use at most 72 characters for the password.']);
  });

  it('refuses a password of only spaces or control characters', () => {
    expect(problems(' '.repeat(8))).toEqual(['The password cannot be only spaces or control characters.']);
    expect(problems('\u200b'.repeat(8))).toEqual(['The password cannot be only spaces or control characters.']);
    // Spaces around visible characters are part of the password.
    expect(problems('  pass word  ')).toEqual([]);
  });

  it('refuses a NUL anywhere', () => {
    expect(problems('password\u0000')).toEqual(['The password cannot contain a NUL character.']);
    expect(problems('\u0000password')).toEqual(['The password cannot contain a NUL character.']);
    expect(problems('\u0000'.repeat(8))).toEqual([
      'The password cannot be only spaces or control characters.',
      'The password cannot contain a NUL character.',
    ]);
  });
});
