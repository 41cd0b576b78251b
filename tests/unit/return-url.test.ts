import { describe, expect, it } from 'vitest';
import { isProtectedPath, safeReturnUrl } from '@/lib/auth/return-url';

describe('safeReturnUrl', () => {
  it.each([
    ['/dashboard?tab=runs#top', '/dashboard?tab=runs#top'],
    ['/settings', '/settings'],
    ['//evil.example', '/dashboard'],
    ['/\\evil.example', '/dashboard'],
    ['https://evil.example/x', '/dashboard'],
    ['javascript:alert(1)', '/dashboard'],
    ['/signin', '/dashboard'],
    ['/signin/', '/dashboard'],
    ['/SignUp', '/dashboard'],
    // Off-site only after normalisation: dot segments, tabs and backslashes collapse into `//host`.
    ['/.//evil.example', '/dashboard'],
    ['/./\\evil.example', '/dashboard'],
    ['/%2e//evil.example', '/dashboard'],
    ['/a/..//evil.example', '/dashboard'],
    ['/..//evil.example', '/dashboard'],
    ['/\t/evil.example', '/dashboard'],
    ['/\n/evil.example', '/dashboard'],
    ['/dashboard/../settings', '/settings'],
    // Encoded slashes stay encoded: they are a path segment, not a host.
    ['/x/%2F%2Fevil', '/x/%2F%2Fevil'],
    ['x'.repeat(10), '/dashboard'],
    ['/' + 'a'.repeat(2048), '/dashboard'],
    [42, '/dashboard'],
    ['', '/dashboard'],
    [undefined, '/dashboard'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });

  it('accepts a path of exactly the maximum length and refuses one character more', () => {
    const longest = '/' + 'a'.repeat(2047);
    expect(safeReturnUrl(longest)).toBe(longest);
    expect(safeReturnUrl(longest + 'a')).toBe('/dashboard');
  });

  it.each([
    // Slashes and backslashes are only dangerous at the start: elsewhere they are kept as they are.
    ['/x?next=a//', '/x?next=a//'],
    ['/x//', '/x//'],
    ['/x?next=a/\\', '/x?next=a/\\'],
    ['/x#a/\\', '/x#a/\\'],
    // Any number of trailing slashes still names the sign-in page.
    ['/signin//', '/dashboard'],
    ['/signup///', '/dashboard'],
    ['/signin?next=/x', '/dashboard'],
    ['/signing', '/signing'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });

  it('uses the fallback it is given', () => {
    expect(safeReturnUrl('//evil.example', '/onboarding')).toBe('/onboarding');
    expect(safeReturnUrl('/vibe', '/onboarding')).toBe('/vibe');
  });

  it('never returns anything a browser resolves off-site, whatever the input', () => {
    const pieces = ['/', '//', '\\', '.', '..', '%2e', '\t', 'evil.example', '@', ':', '?', '#', 'a'];
    const base = 'https://app.example';
    for (const a of pieces) for (const b of pieces) for (const c of pieces) {
      const result = safeReturnUrl(`/${a}${b}${c}`);
      expect(new URL(result, base).origin).toBe(base);
      expect(result.startsWith('/') && !result.startsWith('//') && !result.startsWith('/\\')).toBe(true);
    }
  });
});

describe('isProtectedPath', () => {
  it('covers the app and not the public pages', () => {
    expect(isProtectedPath('/dashboard')).toBe(true);
    expect(isProtectedPath('/dashboard/runs')).toBe(true);
    expect(isProtectedPath('/admin')).toBe(true);
    expect(isProtectedPath('/billing')).toBe(true);
    expect(isProtectedPath('/billing/success')).toBe(true);
    expect(isProtectedPath('/pricing')).toBe(false);
    expect(isProtectedPath('/dashboards')).toBe(false);
    expect(isProtectedPath('/signin')).toBe(false);
    expect(isProtectedPath('/')).toBe(false);
  });
});
