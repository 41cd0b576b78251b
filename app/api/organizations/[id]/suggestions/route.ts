import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { listOrganizationSuggestions } from '@/lib/organizations/list-organization-suggestions';
import { orgIdParamsSchema, orgSuggestionListSchema } from '@/lib/zod/schemas/organizations';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The newest suggestions made from the organization's shared repositories: any member, read only. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, orgIdParamsSchema);
  return respond(orgSuggestionListSchema, { suggestions: await db((tx) => listOrganizationSuggestions(tx, { userId, orgId: id })) });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
