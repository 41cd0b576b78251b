import type { Metadata } from 'next';
import Link from 'next/link';
import { signOut } from '@/app/auth-actions';
import { isAdmin } from '@/lib/auth/is-admin';
import { currentClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import './globals.css';

export const metadata: Metadata = {
  title: 'Venture Companion',
  description: 'An AI cofounder that knows your company, your stack and your voice.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const claims = await currentClaims();
  const admin = claims ? await withUserTransaction(claims, isAdmin) : false;
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
                <Link href="/dashboard">Dashboard</Link>
                <Link href="/chat">Ask</Link>
                <Link href="/vibe">Vibe</Link>
                <Link href="/settings">Settings</Link>
                {admin ? <Link href="/admin/atoms">Atoms</Link> : null}
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
