import { NextResponse, type NextRequest } from 'next/server';
import { verifiedClaims } from '@/lib/auth/claims';
import { isProtectedPath, safeReturnUrl } from '@/lib/auth/return-url';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import { requestIdOf } from '@/lib/api/handler';
import { newNonce, pageContentSecurityPolicy } from '@/lib/security/headers';

/**
 * The request middleware (Next 16 calls it proxy.ts). For pages it refreshes the Supabase session
 * cookie, sends signed-out visitors of protected pages to /signin?returnUrl=…, sends signed-in
 * visitors of /signin and /signup on to the app, tags every request with an X-Request-ID and sets
 * the Content-Security-Policy with this request's nonce (on the request too: Next.js reads it
 * there to put the nonce on the scripts it writes into the page).
 */
export async function proxy(request: NextRequest) {
  const requestId = requestIdOf(request);
  const csp = pageContentSecurityPolicy(newNonce(), { development: process.env.NODE_ENV === 'development' });
  request.headers.set('x-request-id', requestId);
  request.headers.set('content-security-policy', csp);
  let response = NextResponse.next({ request });

  const supabase = createSupabaseServerClient({
    getAll: () => request.cookies.getAll(),
    setAll: (cookies) => {
      for (const { name, value } of cookies) request.cookies.set(name, value);
      response = NextResponse.next({ request });
      for (const { name, value, options } of cookies) response.cookies.set(name, value, options);
    },
  });
  const claims = await verifiedClaims(supabase);
  const { pathname, search } = request.nextUrl;

  let redirectTo: string | null = null;
  if (!claims && isProtectedPath(pathname)) {
    redirectTo = `/signin?returnUrl=${encodeURIComponent(`${pathname}${search}`)}`;
  } else if (claims && (pathname === '/signin' || pathname === '/signup')) {
    redirectTo = safeReturnUrl(request.nextUrl.searchParams.get('returnUrl'));
  }
  if (redirectTo) {
    const redirect = NextResponse.redirect(new URL(redirectTo, request.url));
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    response = redirect;
  }
  response.headers.set('x-request-id', requestId);
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  // Pages only (/billing and /billing/success are pages): API routes and the webhooks authenticate in
  // their own wrapper, and static files need no session.
  matcher: ['/((?!api/|auth/v1/|health|billing/webhook|webhooks/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)'],
};
