import type { Metadata } from 'next';
import Link from 'next/link';
import { signOut } from '@/app/auth-actions';
import { SiteNav } from '@/components/site-nav';
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
          <SiteNav email={claims ? (claims.email ?? '') : null} admin={admin} signOut={signOut} />
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
