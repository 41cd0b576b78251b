'use client';

import { Check, Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { OrganizationList } from '@/lib/zod/schemas/organizations';

/**
 * The header's workspace switcher: one icon button (the header's links leave no room for more on
 * a laptop) that discloses Personal and the user's organizations, and a link to manage them.
 * Choosing one stores it (PUT /api/organizations/active) and reloads the page's data for that
 * workspace. The list is read again on every navigation, so joining, leaving or creating an
 * organization shows here without a reload.
 */
export function OrgSwitcher() {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const [list, setList] = useState<OrganizationList | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    apiFetch<OrganizationList>('/api/organizations')
      .then((loaded) => {
        if (!stopped) setList(loaded);
      })
      .catch(() => {
        // Without the list only Personal and the link show; the personal workspace still works.
      });
    return () => {
      stopped = true;
    };
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const organizations = list?.organizations ?? [];
  const activeOrgId = list?.activeOrgId ?? null;
  const activeName = organizations.find((org) => org.id === activeOrgId)?.name ?? 'Personal';

  async function choose(orgId: string | null) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/organizations/active', { method: 'PUT', body: { orgId } });
      setList((current) => (current ? { ...current, activeOrgId: orgId } : current));
      setOpen(false);
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const choices = [{ id: null, name: 'Personal' }, ...organizations.map((org) => ({ id: org.id, name: org.name }))];
  return (
    <div className="org-switcher" ref={root}>
      <button
        type="button"
        className="nav-link"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        title={`Workspace: ${activeName}`}
        data-testid="org-switcher"
        onClick={() => setOpen(!open)}
      >
        <Users aria-hidden="true" />
        <span className="org-switcher-label">
          <span className="sr-only">Workspace: </span>
          {activeName}
        </span>
      </button>
      <div id={`${id}-panel`} className="org-switcher-panel" hidden={!open}>
        <p className="muted">Workspace</p>
        <ul className="list-none p-0" aria-label="Workspaces">
          {choices.map((choice) => {
            const current = choice.id === activeOrgId;
            return (
              <li key={choice.id ?? 'personal'}>
                <button type="button" className="org-switcher-choice" aria-pressed={current} aria-disabled={busy || undefined} onClick={() => void choose(choice.id)}>
                  <span>{choice.name}</span>
                  {current ? <Check aria-hidden="true" /> : null}
                </button>
              </li>
            );
          })}
        </ul>
        <Link href="/organizations" className="org-switcher-manage" onClick={() => setOpen(false)}>
          {organizations.length === 0 ? 'Create or join an organization' : 'Manage organizations'}
        </Link>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
