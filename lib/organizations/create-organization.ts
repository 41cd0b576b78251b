import { ApiError } from '@/lib/api/errors';
import { isUniqueViolation } from '@/lib/api/database-errors';
import type { Queryable } from '@/lib/db/client';
import { selectOrganizations } from '@/lib/organizations/organization-row';
import type { CreateOrganizationBody, Organization } from '@/lib/zod/schemas/organizations';

/** A user may own this many organizations; the bound keeps one account from squatting slugs. */
export const MAX_OWNED_ORGANIZATIONS = 20;

export const SLUG_TAKEN = 'This slug is taken. Choose another.';

/** Creates an organization owned by the caller; the database makes them its owner member. 409 on a taken slug. */
export async function createOrganization(tx: Queryable, { userId, body }: { userId: string; body: CreateOrganizationBody }): Promise<Organization> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`organizations:${userId}`}, 0))`;
  const [owned] = await tx<{ n: number }[]>`select count(*)::int as n from public.organizations where owner_id = ${userId}`;
  if ((owned?.n ?? 0) >= MAX_OWNED_ORGANIZATIONS) throw new ApiError('conflict', `You can own at most ${MAX_OWNED_ORGANIZATIONS} organizations.`);
  let id: string;
  try {
    const [row] = await tx<{ id: string }[]>`
      insert into public.organizations (name, slug, owner_id) values (${body.name}, ${body.slug}, ${userId}) returning id`;
    id = row!.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ApiError('conflict', SLUG_TAKEN, { fields: [{ field: 'slug', message: SLUG_TAKEN }] });
    throw error;
  }
  const [organization] = await selectOrganizations(tx, { userId, orgId: id });
  return organization!;
}
