/**
 * Where to go after signing in: only a page of this site, never another origin.
 *
 * The check is made on what the browser will follow, not on what the caller typed: the value is
 * resolved, and the path that comes out is resolved again and must stay on this origin. Spelling
 * checks alone miss inputs that only become off-site after normalisation (`/.//evil.example`
 * resolves to the path `//evil.example`, which a browser reads as another host).
 */
const BASE = 'http://return-url.invalid';
const MAX_LENGTH = 2048;

function sameOriginPath(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function safeReturnUrl(value: unknown, fallback = '/dashboard'): string {
  // Equivalent mutant: dropping `value.length === 0` changes nothing, because '' also fails startsWith('/') below.
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  // Only a path: a scheme or a host in the input is refused before anything is resolved.
  if (!value.startsWith('/')) return fallback;
  const path = sameOriginPath(value);
  // Equivalent mutant: `if (false)` here changes nothing, because a null path then fails the re-resolution
  // check below (null resolves to '/null', which is not null).
  if (path === null) return fallback;
  // The path handed out must itself resolve to the same path on this origin: `//host` and `/\host`
  // would not, and neither would anything else a browser reads as a network-path reference.
  // Equivalent mutants: dropping `sameOriginPath(path) !== path`, or joining it to the `//` test with &&,
  // changes nothing today: a serialised same-origin path re-resolves to itself (URL serialisation is
  // idempotent) unless it starts with `//`, and `/\` never starts one (http paths turn `\` into `/`).
  // The three tests overlap on purpose, so no single one is load-bearing.
  if (sameOriginPath(path) !== path || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  const page = new URL(path, BASE).pathname.replace(/\/+$/, '').toLowerCase();
  if (page === '/signin' || page === '/signup') return fallback;
  return path;
}

/** Pages that need a session; the proxy sends anyone without one to /signin. */
export const PROTECTED_PREFIXES = ['/dashboard', '/chat', '/runs', '/settings', '/onboarding', '/vibe', '/admin', '/billing', '/integrations', '/templates', '/extension', '/organizations'];

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
