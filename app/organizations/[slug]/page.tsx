import Link from 'next/link';
import { notFound } from 'next/navigation';
import { InvitationsPanel } from '@/components/organizations/invitations-panel';
import { MembersPanel } from '@/components/organizations/members-panel';
import { OwnerActions } from '@/components/organizations/owner-actions';
import { RenameOrganizationForm } from '@/components/organizations/rename-organization-form';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { listInvitations } from '@/lib/organizations/list-invitations';
import { listMembers } from '@/lib/organizations/list-members';
import { listOrganizationRepositories } from '@/lib/organizations/list-organization-repositories';
import { selectOrganizations } from '@/lib/organizations/organization-row';
import { SLUG_PATTERN } from '@/lib/zod/schemas/organizations';

export const metadata = { title: 'Organization · Venture Companion' };

const ROLE_LABELS = { owner: 'an owner', admin: 'an admin', member: 'a member' } as const;

/**
 * One organization: its name, members, invitations, shared repositories, and the owner's
 * transfer and delete. Controls appear only for roles allowed to use them; a non-member gets 404.
 */
export default async function OrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const claims = await requireClaims(`/organizations/${encodeURIComponent(slug)}`);
  if (!SLUG_PATTERN.test(slug)) notFound();
  const userId = claims.sub;
  const data = await withUserTransaction(claims, async (tx) => {
    const [organization] = await selectOrganizations(tx, { userId, slug });
    if (!organization) return null;
    const manages = organization.role !== 'member';
    const [members, invitations, repositories] = await Promise.all([
      listMembers(tx, { userId, orgId: organization.id }),
      manages ? listInvitations(tx, { userId, orgId: organization.id }) : Promise.resolve([]),
      listOrganizationRepositories(tx, { userId, orgId: organization.id }),
    ]);
    return { organization, members, invitations, repositories };
  });
  if (!data) notFound();
  const { organization, members, invitations, repositories } = data;
  const manages = organization.role !== 'member';

  return (
    <section>
      <div className="section-head">
        <div>
          <p className="muted">
            <Link href="/organizations">Organizations</Link> /
          </p>
          <h1>{organization.name}</h1>
          <p className="muted">
            You are {ROLE_LABELS[organization.role]} of this organization · {organization.slug}
          </p>
        </div>
      </div>
      <div className="grid">
        <MembersPanel organization={organization} members={members} userId={userId} />
        {manages ? <InvitationsPanel organization={organization} invitations={invitations} /> : null}
        <article className="card stack" aria-labelledby="org-repositories-title">
          <h2 id="org-repositories-title">Shared repositories</h2>
          {repositories.length === 0 ? (
            <p className="muted">
              None yet. {manages ? 'Switch to this workspace and share a repository you connected from ' : 'Owners and admins share them from '}
              <Link href="/integrations">Integrations</Link>.
            </p>
          ) : (
            <ul className="stack tight list-none p-0">
              {repositories.map((repository) => (
                <li key={repository.id}>
                  <strong>{repository.fullName}</strong>
                  {repository.mine ? <span className="muted"> · shared by you</span> : null}
                </li>
              ))}
            </ul>
          )}
          <p className="muted">Members read their deliveries and suggestions on the dashboard while this is the active workspace.</p>
        </article>
        {manages ? <RenameOrganizationForm organization={organization} /> : null}
        {organization.role === 'owner' ? <OwnerActions organization={organization} members={members} userId={userId} /> : null}
      </div>
    </section>
  );
}
