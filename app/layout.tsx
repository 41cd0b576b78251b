import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { signOut } from '@/app/auth-actions';
import { SiteNav } from '@/components/site-nav';
import { BrandMark } from '@/components/ui/brand-mark';
import { isAdmin } from '@/lib/auth/is-admin';
import { currentClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import './globals.css';

export const metadata: Metadata = {
  title: 'Venture Companion',
  description: 'An AI cofounder that knows your company, your stack and your voice.',
};

export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#ffffff' },
    { media: '(prefers-color-scheme: dark)', color: '#111113' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const claims = await currentClaims();
  const admin = claims ? await withUserTransaction(claims, isAdmin) : false;
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="topbar">
          <Link href={claims ? '/dashboard' : '/'} className="brand">
            <BrandMark />
            Venture Companion
          </Link>
          <SiteNav email={claims ? (claims.email ?? '') : null} admin={admin} signOut={signOut} />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
