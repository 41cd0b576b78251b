'use client';

import Link from 'next/link';
import { useId, useState } from 'react';

interface SiteNavProps {
  email: string | null;
  admin: boolean;
  signOut: () => Promise<void>;
}

/**
 * The account navigation. On a phone the links fold behind a Menu button (a disclosure: it says
 * whether it is open, and names what it controls); they fold away again after each navigation.
 */
export function SiteNav({ email, admin, signOut }: SiteNavProps) {
  const [open, setOpen] = useState(false);
  const id = useId();

  if (email === null) {
    return (
      <nav aria-label="Account" className="nav-signed-out">
        <Link href="/signin">Sign in</Link>
        <Link href="/signup" className="button">
          Sign up
        </Link>
      </nav>
    );
  }
  return (
    <>
      <button type="button" className="button secondary menu-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
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
        <Link href="/dashboard">Dashboard</Link>
        <Link href="/chat">Ask</Link>
        <Link href="/vibe">Vibe</Link>
        <Link href="/settings">Settings</Link>
        {admin ? <Link href="/admin/atoms">Atoms</Link> : null}
        <span className="muted signed-in-as" data-testid="signed-in-as" title={email}>
          {email}
        </span>
        <form action={signOut}>
          <button type="submit" className="button secondary">
            Sign out
          </button>
        </form>
      </nav>
    </>
  );
}
