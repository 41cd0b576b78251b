import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { requireCurrentUser } from '@/lib/auth/require-current-user';
import { createPortalSession } from '@/lib/billing/create-portal-session';
import { redirectUrlSchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 20;

/** `{ url }` of the Stripe customer portal (plan change, card, cancel). Takes no body. */
export const POST = withUser(async ({ req, db, userId }) => {
  await requireCurrentUser(req, userId);
  return respond(redirectUrlSchema, { url: await createPortalSession(db, { userId }) });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
