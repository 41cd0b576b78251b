import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { setActiveOrganization } from '@/lib/organizations/set-active-organization';
import { activeOrganizationSchema, setActiveOrganizationBodySchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** `{ orgId }` (an organization the caller belongs to) or `{ orgId: null }` (personal): the workspace they work in. */
export const PUT = withUser(async ({ req, db }) => {
  const { orgId } = await parseBody(req, setActiveOrganizationBodySchema, { maxBytes: 1024 });
  return respond(activeOrganizationSchema, await db((tx) => setActiveOrganization(tx, { orgId })));
});

export const { GET, POST, PATCH, DELETE } = otherMethods({ PUT });
