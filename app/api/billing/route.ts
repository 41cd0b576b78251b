import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { getBillingState } from '@/lib/billing/get-billing-state';
import { billingStateSchema } from '@/lib/zod/schemas/billing';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's plan, its status and period, how it ends, and whether billing is configured here. */
export const GET = withUser(async ({ db, userId }) => respond(billingStateSchema, await db((tx) => getBillingState(tx, { userId }))));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
