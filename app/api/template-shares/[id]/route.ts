import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { readSharedCustomization } from '@/lib/templates/read-shared-customization';
import { revokeTemplateShare } from '@/lib/templates/revoke-template-share';
import { idParamsSchema, sharedCustomizationSchema } from '@/lib/zod/schemas/template-sharing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** A customisation shared with the caller: template, owner's display name, values, instructions and rendered prompt; 404 for anyone it is not shared with. */
export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  const { view } = await db((tx) => readSharedCustomization(tx, { userId, shareId: id }));
  return respond(sharedCustomizationSchema, view);
});

/** Revokes one of the caller's shares at once: 204; another user's share is a 404. */
export const DELETE = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, idParamsSchema);
  await db((tx) => revokeTemplateShare(tx, { userId, shareId: id }));
  return new Response(null, { status: 204 });
});

export const { POST, PUT, PATCH } = otherMethods({ GET, DELETE });
