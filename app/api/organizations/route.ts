import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { createOrganization } from '@/lib/organizations/create-organization';
import { listOrganizations } from '@/lib/organizations/list-organizations';
import { createOrganizationBodySchema, organizationListSchema, organizationSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's organizations with their role in each, and the active workspace. */
export const GET = withUser(async ({ db, userId }) => respond(organizationListSchema, await db((tx) => listOrganizations(tx, { userId }))));

/** `{ name, slug }`: 201 with the organization, the caller its owner; 409 on a taken slug. */
export const POST = withUser(async ({ req, db, userId }) => {
  const body = await parseBody(req, createOrganizationBodySchema, { maxBytes: 4 * 1024 });
  return respond(organizationSchema, await db((tx) => createOrganization(tx, { userId, body })), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
