import postgres from 'postgres';
import Stripe from 'stripe';
import { ApiError } from '@/lib/api/errors';
import { applySubscription } from '@/lib/billing/apply-subscription';
import type { BillingConfig } from '@/lib/billing/billing-config';
import { isStripeMissing } from '@/lib/billing/is-stripe-missing';
import { subscriptionOfEvent } from '@/lib/billing/subscription-of-event';
import { withServiceRole, withServiceRoleTransaction } from '@/lib/db/service-role';
import type { Queryable } from '@/lib/db/client';
import type { Logger } from '@/lib/observability/logger';
import type { WebhookOutcome } from '@/lib/zod/schemas/billing';

export interface VerifiedEvent {
  id: string;
  type: string;
  created: number;
  livemode: boolean;
  data: { object: { id?: string } & Record<string, unknown> };
}

/** Why an attempt failed, short enough for the ledger and with nothing from the request in it. */
function failureReason(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) return `Stripe API: ${error.type}${error.statusCode ? ` ${error.statusCode}` : ''}`;
  if (error instanceof postgres.PostgresError) return `database: SQLSTATE ${error.code}`;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `database: ${code}` : `${error instanceof Error ? error.name : 'error'} while processing`;
}

/**
 * One delivery of a verified event, in one transaction: the ledger claim (which locks the event's
 * row, so concurrent deliveries of one event wait and then find it processed, and the
 * subscription, so writes to it are serialised), the fetch of the subscription from Stripe, and
 * its projection written with the event marked processed. Round trips are few because Stripe
 * waits for this answer: the claim travels with BEGIN, then one fetch, then the write with COMMIT.
 *
 * A failure after the claim rolls everything back, records the attempt and its reason, and throws
 * a 500, so Stripe delivers the event again and the next delivery processes it.
 */
export async function processStripeEvent(billing: BillingConfig, event: VerifiedEvent, log: Logger): Promise<WebhookOutcome> {
  const subscriptionId = subscriptionOfEvent(event);
  const created = new Date(event.created * 1000);
  const objectId = typeof event.data.object.id === 'string' ? event.data.object.id : null;
  let attempting = false;
  try {
    return await withServiceRoleTransaction(async (tx, commitWith): Promise<WebhookOutcome> => {
      const claimStatement = (q: Queryable) => q<{ outcome: 'duplicate' | 'ignored' | 'process' }[]>`
        select private.claim_stripe_event(${event.id}, ${event.type}, ${created}, ${event.livemode}, ${objectId}, ${subscriptionId}) as outcome`;
      // Nothing to apply: the claim is the whole transaction, sent with BEGIN and COMMIT at once.
      if (!subscriptionId) {
        const [claim] = await commitWith(claimStatement);
        return claim?.outcome === 'duplicate' ? 'duplicate' : 'ignored';
      }
      const [claim] = await claimStatement(tx);
      if (claim?.outcome !== 'process') return claim?.outcome === 'duplicate' ? 'duplicate' : 'ignored';
      attempting = true;
      let subscription: Stripe.Subscription;
      try {
        subscription = await billing.stripe.subscriptions.retrieve(subscriptionId);
      } catch (error) {
        if (!isStripeMissing(error)) throw error;
        // Test-mode data deleted at Stripe: retrying cannot bring it back.
        await tx`select private.finish_stripe_event(${event.id}, ${`subscription ${subscriptionId} no longer exists at Stripe`})`;
        return 'processed';
      }
      const applied = await applySubscription(tx, subscription, billing.prices, { event: { id: event.id, created }, commitWith });
      if (!applied.userId) log.warn({ eventId: event.id, subscriptionId }, 'stripe event for a customer no account has');
      return 'processed';
    });
  } catch (error) {
    if (!attempting) throw error;
    const reason = failureReason(error);
    log.warn({ eventId: event.id, type: event.type, reason, err: error }, 'stripe event not processed; Stripe will deliver it again');
    await withServiceRole(
      (tx) => tx`select private.record_stripe_event_failure(${event.id}, ${event.type}, ${created}, ${event.livemode}, ${objectId}, ${reason})`,
    ).catch((recordError: unknown) => log.error({ err: recordError, eventId: event.id }, 'could not record the failed attempt'));
    throw new ApiError('internal_error', `Event ${event.id} could not be processed (${reason}). Deliver it again.`);
  }
}
