/** Where to go after signing in: only a path on this site, never another origin. */
export function safeReturnUrl(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  try {
    const base = 'http://local.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    if (url.pathname === '/signin' || url.pathname === '/signup') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** Pages that need a session; the proxy sends anyone without one to /signin. */
export const PROTECTED_PREFIXES = ['/dashboard', '/chat', '/settings', '/onboarding', '/vibe', '/admin'];

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
