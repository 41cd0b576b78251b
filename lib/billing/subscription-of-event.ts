/**
 * The events the webhook acts on (enable exactly these on the endpoint). Each one is about a
 * subscription, which is fetched from Stripe again rather than read from the payload: events
 * arrive late, twice and out of order, and the fetched state is the current one.
 */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

const HANDLED = new Set<string>(HANDLED_EVENT_TYPES);

/** The fields read here, in any of the objects these events carry. */
interface EventObject {
  id?: unknown;
  mode?: unknown;
  subscription?: unknown;
  parent?: { subscription_details?: { subscription?: unknown } | null } | null;
}
const idOf = (ref: unknown): string | null => {
  const id = typeof ref === 'object' && ref !== null && 'id' in ref ? ref.id : ref;
  return typeof id === 'string' && /^sub_[A-Za-z0-9_]{1,250}$/.test(id) ? id : null;
};

/**
 * The subscription a handled event concerns, or null when there is nothing to apply: a type we do
 * not handle, a Checkout Session in another mode, an invoice that is not a subscription's. An
 * invoice names its subscription under parent.subscription_details in current API versions and
 * at the top level in versions before 2025-03-31 (an endpoint may be pinned to an older one).
 */
export function subscriptionOfEvent(event: { type: string; data: { object: EventObject } }): string | null {
  if (!HANDLED.has(event.type)) return null;
  const object = event.data.object;
  if (event.type === 'checkout.session.completed') return object.mode === 'subscription' ? idOf(object.subscription) : null;
  if (event.type.startsWith('customer.subscription.')) return idOf(object.id);
  return idOf(object.parent?.subscription_details?.subscription) ?? idOf(object.subscription);
}
