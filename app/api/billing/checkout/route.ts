import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { requireCurrentUser } from '@/lib/auth/require-current-user';
import { createCheckoutSession } from '@/lib/billing/create-checkout-session';
import { checkoutBodySchema, redirectUrlSchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 20;

/** `{ tier }` → `{ url }` of a Stripe Checkout page for that plan. */
export const POST = withUser(async ({ req, db, userId }) => {
  const { tier } = await parseBody(req, checkoutBodySchema, { maxBytes: 1024 });
  const user = await requireCurrentUser(req, userId);
  return respond(redirectUrlSchema, { url: await createCheckoutSession(db, { userId, email: user.email ?? null, tier }) });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
