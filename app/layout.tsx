import type { Metadata } from 'next';
import Link from 'next/link';
import { signOut } from '@/app/auth-actions';
import { currentClaims } from '@/lib/auth/session';
import './globals.css';

export const metadata: Metadata = {
  title: 'Venture Companion',
  description: 'An AI cofounder that knows your company, your stack and your voice.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const claims = await currentClaims();
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href={claims ? '/dashboard' : '/'} className="brand">
            Venture Companion
          </Link>
          <nav aria-label="Account">
            {claims ? (
              <>
                <span className="muted" data-testid="signed-in-as">
                  {claims.email}
                </span>
                <form action={signOut}>
                  <button type="submit" className="button secondary">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <>
                <Link href="/signin">Sign in</Link>
                <Link href="/signup" className="button">
                  Sign up
                </Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
