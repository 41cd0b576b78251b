import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { syncCheckoutSession } from '@/lib/billing/sync-checkout-session';
import { billingStateSchema, syncBodySchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 20;

/** `{ sessionId }` of the caller's finished Checkout → the plan it bought, without waiting for the webhook. */
export const POST = withUser(async ({ req, userId }) => {
  const { sessionId } = await parseBody(req, syncBodySchema, { maxBytes: 1024 });
  return respond(billingStateSchema, await syncCheckoutSession(userId, sessionId));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
