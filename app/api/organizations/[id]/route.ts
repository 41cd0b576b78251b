import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { deleteOrganization } from '@/lib/organizations/delete-organization';
import { requireOrgRole } from '@/lib/organizations/require-org-role';
import { updateOrganization } from '@/lib/organizations/update-organization';
import { deleteOrganizationBodySchema, organizationSchema, orgIdParamsSchema, updateOrganizationBodySchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** One of the caller's organizations, with their role; 404 for a non-member. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  return respond(organizationSchema, await db((tx) => requireOrgRole(tx, { userId, orgId: id, roles: ['owner', 'admin', 'member'] })));
});

/** `{ name?, slug? }`: owners and admins rename it. */
export const PATCH = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  const body = await parseBody(req, updateOrganizationBodySchema, { maxBytes: 4 * 1024 });
  return respond(organizationSchema, await db((tx) => updateOrganization(tx, { userId, orgId: id, body })));
});

/** `{ confirm: <slug> }`: an owner deletes it, with its memberships, invitations and shares. 204. */
export const DELETE = withUser<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  const { confirm } = await parseBody(req, deleteOrganizationBodySchema, { maxBytes: 1024 });
  await db((tx) => deleteOrganization(tx, { userId, orgId: id, confirm }));
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE });
