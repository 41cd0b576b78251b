'use client';

import { Users } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import type { OrganizationList } from '@/lib/zod/schemas/organizations';

const PERSONAL = 'personal';

/**
 * The header's workspace switcher: a link to /organizations (an icon beside the select, so the
 * header's links keep their room), and, for someone in an organization, Personal and their
 * organizations to choose from; switching stores the choice (PUT /api/organizations/active) and reloads the
 * page's data so it shows that workspace. The list is read again on every navigation, so joining,
 * leaving or creating an organization shows here without a reload.
 */
export function OrgSwitcher() {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [list, setList] = useState<OrganizationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let stopped = false;
    apiFetch<OrganizationList>('/api/organizations')
      .then((loaded) => {
        if (!stopped) setList(loaded);
      })
      .catch(() => {
        // Without the list the switcher stays hidden; the personal workspace still works.
      });
    return () => {
      stopped = true;
    };
  }, [pathname]);

  const manage = (
    <Link href="/organizations" className="nav-link" title="Organizations" aria-current={pathname.startsWith('/organizations') ? 'page' : undefined}>
      <Users aria-hidden="true" />
      <span className="org-switcher-label">Organizations</span>
    </Link>
  );
  if (!list || list.organizations.length === 0) return <span className="org-switcher">{manage}</span>;

  async function choose(value: string) {
    const orgId = value === PERSONAL ? null : value;
    setBusy(true);
    setError(null);
    try {
      await apiFetch('/api/organizations/active', { method: 'PUT', body: { orgId } });
      setList((current) => (current ? { ...current, activeOrgId: orgId } : current));
      router.refresh();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="org-switcher">
      {manage}
      <label htmlFor={id} className="sr-only">
        Workspace
      </label>
      <select id={id} data-testid="org-switcher" value={list.activeOrgId ?? PERSONAL} disabled={busy} onChange={(event) => void choose(event.target.value)}>
        <option value={PERSONAL}>Personal</option>
        {list.organizations.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
