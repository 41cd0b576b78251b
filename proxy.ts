import { NextResponse, type NextRequest } from 'next/server';
import { verifiedClaims } from '@/lib/auth/claims';
import { isProtectedPath, safeReturnUrl } from '@/lib/auth/return-url';
import { createSupabaseServerClient } from '@/lib/auth/supabase';
import { requestIdOf } from '@/lib/api/handler';

/**
 * The request middleware (Next 16 calls it proxy.ts). For pages it refreshes the Supabase session
 * cookie, sends signed-out visitors of protected pages to /signin?returnUrl=…, sends signed-in
 * visitors of /signin and /signup on to the app, and tags every request with an X-Request-ID.
 */
export async function proxy(request: NextRequest) {
  const requestId = requestIdOf(request);
  request.headers.set('x-request-id', requestId);
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
  return response;
}

export const config = {
  // Pages only: API routes authenticate in their own wrapper, and static files need no session.
  matcher: ['/((?!api/|auth/v1/|health|billing/|webhooks/|_next/static|_next/image|favicon.ico|robots.txt).*)'],
};
