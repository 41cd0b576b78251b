import Link from 'next/link';
import { CreateOrganizationForm } from '@/components/organizations/create-organization-form';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { listOrganizations } from '@/lib/organizations/list-organizations';

export const metadata = { title: 'Organizations · Venture Companion' };

const ROLE_LABELS = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

/** The user's organizations (with their role in each) and a form to create one. */
export default async function OrganizationsPage() {
  const claims = await requireClaims('/organizations');
  const { organizations, activeOrgId } = await withUserTransaction(claims, (tx) => listOrganizations(tx, { userId: claims.sub }));
  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Organizations</h1>
          <p className="muted">Share connected repositories, their suggestions and template customisations with your team. Your personal workspace stays yours.</p>
        </div>
      </div>
      <div className="grid">
        <article className="card stack" aria-labelledby="orgs-title">
          <h2 id="orgs-title">Yours</h2>
          {organizations.length === 0 ? (
            <p className="empty">You are not in an organization yet. Create one, or accept an invitation someone sent you.</p>
          ) : (
            <ul className="stack tight list-none p-0" data-testid="organizations">
              {organizations.map((org) => (
                <li key={org.id} className="org-member">
                  <span className="org-member-who">
                    <Link href={`/organizations/${org.slug}`}>
                      <strong>{org.name}</strong>
                    </Link>
                    <span className="muted">
                      {org.slug} · {org.memberCount} {org.memberCount === 1 ? 'member' : 'members'}
                      {org.id === activeOrgId ? ' · active workspace' : ''}
                    </span>
                  </span>
                  <span className="pill">{ROLE_LABELS[org.role]}</span>
                </li>
              ))}
            </ul>
          )}
        </article>
        <CreateOrganizationForm />
      </div>
    </section>
  );
}
