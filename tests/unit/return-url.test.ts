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
    ['', '/dashboard'],
    [undefined, '/dashboard'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnUrl(input)).toBe(expected);
  });
});

describe('isProtectedPath', () => {
  it('covers the app and not the public pages', () => {
    expect(isProtectedPath('/dashboard')).toBe(true);
    expect(isProtectedPath('/dashboard/runs')).toBe(true);
    expect(isProtectedPath('/admin')).toBe(true);
    expect(isProtectedPath('/dashboards')).toBe(false);
    expect(isProtectedPath('/signin')).toBe(false);
    expect(isProtectedPath('/')).toBe(false);
  });
});
