import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody, parseQuery } from '@/lib/api/parse';
import { createTemplateShare } from '@/lib/templates/create-template-share';
import { listTemplateShares } from '@/lib/templates/list-template-shares';
import { createShareBodySchema, listSharesQuerySchema, shareListSchema, shareSchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The shares the caller made and received (`?templateId=` for one template's), and the organizations they may share with. */
export const GET = withUser(async ({ req, db, userId }) => {
  const { templateId } = parseQuery(req, listSharesQuerySchema);
  return respond(shareListSchema, await db((tx) => listTemplateShares(tx, { userId, templateId })));
});

/** `{ customizationId | templateId, visibility, email?, orgId? }`: 201 with the share (200 when the same share exists). */
export const POST = withUser(async ({ req, db, userId }) => {
  const body = await parseBody(req, createShareBodySchema, { maxBytes: 4 * 1024 });
  const { share, created } = await db((tx) => createTemplateShare(tx, { userId, body }));
  return respond(shareSchema, share, { status: created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
