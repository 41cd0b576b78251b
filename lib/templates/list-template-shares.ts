import type { Queryable } from '@/lib/db/client';
import { SHARE_SELECT, toShare, type ShareRow } from '@/lib/templates/share-row';
import type { Share } from '@/lib/zod/schemas/template-sharing';

/**
 * The shares the caller made and those made to them (by name or through an organization they
 * belong to), newest first, optionally of one template; and the caller's organizations. Public
 * shares of others are not listed: they are reached by their link.
 */
export async function listTemplateShares(
  tx: Queryable,
  { userId, templateId }: { userId: string; templateId?: string },
): Promise<{ made: Share[]; received: Share[]; organizations: { id: string; name: string }[] }> {
  const rows = await tx.unsafe<ShareRow[]>(
    `select ${SHARE_SELECT} from public.shared_template_customizations s
     join public.user_template_customizations c on c.id = s.customization_id
     left join public.organizations o on o.id = s.shared_with_org_id
     where (s.owner_id = $1 or s.shared_with_user_id = $1
            or (s.visibility = 'organization' and exists (
              select 1 from public.organization_members m where m.org_id = s.shared_with_org_id and m.user_id = $1)))
       and ($2::text is null or c.template_id = $2::text)
     order by s.created_at desc, s.id
     limit 500`,
    [userId, templateId ?? null],
  );
  const organizations = await tx<{ id: string; name: string }[]>`
    select o.id, o.name from public.organizations o
    join public.organization_members m on m.org_id = o.id and m.user_id = ${userId}
    order by o.name, o.id`;
  const shares = rows.map((row) => toShare(row, userId));
  return {
    made: shares.filter((share) => share.role === 'owner'),
    received: shares.filter((share) => share.role === 'recipient'),
    organizations: organizations.map((org) => ({ id: org.id, name: org.name })),
  };
}
