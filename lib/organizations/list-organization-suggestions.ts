import type { Queryable } from '@/lib/db/client';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import { SUGGESTION_EXCERPT_CHARS } from '@/lib/zod/schemas/events';
import type { OrgSuggestion } from '@/lib/zod/schemas/organizations';

const excerptOf = (text: string | null) => {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUGGESTION_EXCERPT_CHARS ? `${flat.slice(0, SUGGESTION_EXCERPT_CHARS).trimEnd()}…` : flat;
};

/**
 * The newest suggestions made from the deliveries of repositories shared with the organization,
 * for any member to read (the policies let members read exactly these runs); 404 for anyone else.
 */
export async function listOrganizationSuggestions(tx: Queryable, { userId, orgId }: { userId: string; orgId: string }): Promise<OrgSuggestion[]> {
  await requireOrgRole(tx, { userId, orgId, roles: ['owner', 'admin', 'member'] });
  const rows = await tx<{ id: string; full_name: string; event_type: string; headline: string | null; recommendation: string | null; created_at: Date }[]>`
    select r.id, c.full_name, e.event_type, r.created_at,
      case when r.output_type = 'insight' then left(r.output ->> 'headline', 300) end as headline,
      case when r.output_type = 'insight' then left(r.output ->> 'recommendation', ${SUGGESTION_EXCERPT_CHARS * 2})
           else left(r.output ->> 'text', ${SUGGESTION_EXCERPT_CHARS * 2}) end as recommendation
    from public.connected_repositories c
    join public.background_events e on e.repository_id = c.id
    join public.agent_runs r on r.background_event_id = e.id and r.trigger = 'background_event' and r.status = 'succeeded'
    where c.org_id = ${orgId}
    order by r.created_at desc, r.id
    limit 20`;
  return rows.map((row) => ({
    runId: row.id,
    repository: row.full_name,
    eventType: row.event_type,
    headline: row.headline,
    excerpt: excerptOf(row.recommendation),
    createdAt: row.created_at.toISOString(),
  }));
}
