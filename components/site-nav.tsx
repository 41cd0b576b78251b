'use client';

import { CreditCard, FileCode2, GitPullRequest, LayoutDashboard, Library, LogOut, Menu, MessageSquareText, Settings, ShieldCheck, SlidersHorizontal, X, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useId, useState } from 'react';
import { OrgSwitcher } from '@/components/organizations/org-switcher';

interface SiteNavProps {
  email: string | null;
  admin: boolean;
  signOut: () => Promise<void>;
}

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

const LINKS: NavItem[] = [
  { href: '/dashboard', label: 'Dashboard', icon: LayoutDashboard },
  { href: '/chat', label: 'Ask', icon: MessageSquareText },
  { href: '/vibe', label: 'Vibe', icon: SlidersHorizontal },
  { href: '/templates', label: 'Templates', icon: FileCode2 },
  { href: '/integrations', label: 'Integrations', icon: GitPullRequest },
  { href: '/billing', label: 'Billing', icon: CreditCard },
  { href: '/settings', label: 'Settings', icon: Settings },
];

const ATOMS: NavItem = { href: '/admin/atoms', label: 'Atoms', icon: Library };
const ADMIN: NavItem = { href: '/admin', label: 'Admin', icon: ShieldCheck };

const isUnder = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

/** The link for this page: the longest that contains it, so /admin/atoms is Atoms, not Admin too. */
const currentHref = (pathname: string, items: NavItem[]) =>
  items.filter(({ href }) => isUnder(pathname, href)).sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;

/**
 * The account navigation. On a phone the links fold behind a Menu button (a disclosure: it says
 * whether it is open, and names what it controls); they fold away again after each navigation.
 * Between a phone and a wide screen the links show their icons only (the label stays their name).
 */
export function SiteNav({ email, admin, signOut }: SiteNavProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const pathname = usePathname();
  const items = admin ? [...LINKS, ADMIN, ATOMS] : LINKS;
  const current = currentHref(pathname, items);

  if (email === null) {
    // Sign-in and sign-up are not prefetched: once the visitor is signed in (the moment either form
    // succeeds, when the router refetches what it prefetched) they only redirect to the app.
    return (
      <nav aria-label="Account" className="nav-signed-out">
        <Link href="/pricing" className="nav-link" aria-current={pathname === '/pricing' ? 'page' : undefined}>
          Pricing
        </Link>
        <Link href="/signin" prefetch={false} className="nav-link" aria-current={pathname === '/signin' ? 'page' : undefined}>
          Sign in
        </Link>
        <Link href="/signup" prefetch={false} className="button sm">
          Sign up
        </Link>
      </nav>
    );
  }
  const MenuIcon = open ? X : Menu;
  return (
    <>
      <button type="button" className="button secondary sm menu-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <MenuIcon aria-hidden="true" />
        Menu
      </button>
      {/* Following a link closes the menu: the page it leads to is what the user wants to see. */}
      <nav
        aria-label="Account"
        id={id}
        className={open ? 'open' : undefined}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false);
        }}
      >
        <div className="nav-links">
          {items.map(({ href, label, icon: Icon }) => (
            <Link key={href} href={href} className="nav-link" title={label} aria-current={href === current ? 'page' : undefined}>
              <Icon aria-hidden="true" />
              <span className="nav-label">{label}</span>
            </Link>
          ))}
        </div>
        <div className="nav-account">
          <OrgSwitcher />
          <span className="signed-in-as" title={email}>
            <span className="avatar" aria-hidden="true">
              {email.slice(0, 1)}
            </span>
            <span data-testid="signed-in-as">{email}</span>
          </span>
          <form action={signOut}>
            <button type="submit" className="button secondary sm">
              <LogOut aria-hidden="true" />
              Sign out
            </button>
          </form>
        </div>
      </nav>
    </>
  );
}
