import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { getPlans } from '@/lib/billing/get-plans';
import { withAnonTransaction } from '@/lib/db/anon-transaction';
import { plansSchema } from '@/lib/zod/schemas/plans';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Every plan and its limits, as public.plan_limits defines them; public pricing information. */
export const GET = withPublic(async () =>
  // The limits change only with a deployment that migrates them; five minutes of caching is harmless.
  respond(plansSchema, await withAnonTransaction(getPlans), { headers: { 'cache-control': 'public, max-age=300' } }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
