import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeEach } from 'vitest';
import { STRIPE_API_VERSION } from '@/lib/billing/billing-config';
import { setEnv } from '@/tests/support/fake-openai';

/**
 * A small Stripe-compatible server on 127.0.0.1 for tests, benchmarks and the browser tests,
 * driven through the real `stripe` SDK (STRIPE_API_URL = fake.url). It speaks what the SDK
 * sends: form-encoded bodies with bracket keys (`line_items[0][price]`), Bearer keys,
 * Idempotency-Key (a repeated key answers the first response again; the same key with other
 * parameters is an idempotency_error), and answers with Stripe-shaped objects and errors.
 *
 * Resources: customers, prices, Checkout Sessions (with a hosted page, GET /checkout/:id, whose
 * Pay button creates an active subscription and 303s to the success URL with the session id
 * filled in), billing portal sessions (a page with a link back to return_url and a "Cancel plan"
 * button), subscriptions (retrieve, list, update, cancel) and invoices. Changes emit events the
 * way Stripe does; every event is kept in `events`, and when `webhookUrl` is set each is also
 * delivered there, signed, one after another. It can be told to fail the next N API calls or to
 * be down (connections are dropped), and it signs any payload with the webhook secret.
 */

export const FAKE_STRIPE_SECRET_KEY = 'sk_test_fakestripe0123456789abcdef';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_fakestripe0123456789abcdef';
export const FAKE_STRIPE_PRICES = { pro: 'price_fake_pro', enterprise: 'price_fake_enterprise' } as const;

type Json = Record<string, any>;

export interface StripeFailure {
  status: number;
  type: string;
  message: string;
  code?: string;
}

export interface RecordedStripeRequest {
  method: string;
  path: string;
  query: Json;
  body: Json;
  headers: IncomingMessage['headers'];
  /** What the fake did: answered, failed as scripted, or dropped the connection (down). */
  outcome: 'answered' | 'failed' | 'dropped';
  status?: number;
}

export interface SubscriptionChanges {
  status?: string;
  price?: string;
  cancelAtPeriodEnd?: boolean;
  cancelAt?: number | null;
  currentPeriodEnd?: number;
}

export interface FakeStripe {
  /** The STRIPE_API_URL for the SDK (http://127.0.0.1:port). */
  url: string;
  secretKey: string;
  webhookSecret: string;
  prices: typeof FAKE_STRIPE_PRICES;
  requests: RecordedStripeRequest[];
  /** Every event emitted since the last reset, in order. */
  events: Json[];
  customers: Map<string, Json>;
  subscriptions: Map<string, Json>;
  checkoutSessions: Map<string, Json>;
  invoices: Map<string, Json>;
  /** Where emitted events are delivered (signed), one at a time; null keeps them in `events` only. */
  webhookUrl: string | null;
  deliveries: { eventId: string; status: number }[];
  /** The next `count` API calls answer this error (default a 500 api_error), with Stripe-Should-Retry: false. */
  failNext(count: number, failure?: Partial<StripeFailure>): void;
  /** While down, every API connection is dropped without an answer. */
  setDown(down: boolean): void;
  createCustomer(params?: { email?: string; metadata?: Record<string, string> }): Json;
  createSubscription(customerId: string, options?: { price?: string; status?: string; metadata?: Record<string, string> }): Json;
  updateSubscription(id: string, changes: SubscriptionChanges): Json;
  cancelSubscription(id: string): Json;
  /** An invoice for the subscription's period: paid (invoice.paid; a past_due subscription becomes active) or failed (invoice.payment_failed; it becomes past_due). */
  invoice(subscriptionId: string, outcome: 'paid' | 'failed'): Json;
  /** What pressing Pay on the hosted checkout page does; answers the success URL. */
  completeCheckout(sessionId: string): string;
  /** An event as Stripe would send it (recorded in `events`, delivered when webhookUrl is set). */
  emit(type: string, object: Json, previousAttributes?: Json): Json;
  /** The Stripe-Signature header for a payload (now, or at `timestamp` in seconds). */
  sign(payload: string, options?: { timestamp?: number; secret?: string }): string;
  /** Resolves when every queued webhook delivery has been made. */
  idle(): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;
const PERIOD = 30 * DAY;
const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const clone = <T>(value: T): T => structuredClone(value);

/** `a[b][0][c]=1&x=2` → { a: { b: [{ c: '1' }] }, x: '2' }: the SDK's encoding of nested parameters. */
export function parseStripeForm(text: string): Json {
  const root: Json = {};
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    const key = decode(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? '' : decode(pair.slice(at + 1));
    const path = (key.match(/^[^[\]]+|\[[^\]]*\]/g) ?? []).map((segment) => (segment.startsWith('[') ? segment.slice(1, -1) : segment));
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) node[segment] = value;
      else node = node[segment] ??= {};
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Json).map(([k, v]) => [k, arrays(v)] as const);
    const indexed = entries.length > 0 && entries.every(([k], i) => k === String(i));
    return indexed ? entries.map(([, v]) => v) : Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
const money = (price: Json) => `${(price.unit_amount / 100).toFixed(2)} ${String(price.currency).toUpperCase()} / ${price.recurring?.interval ?? 'once'}`;
const dateOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeStripe(options: { webhookUrl?: string } = {}): Promise<FakeStripe> {
  const customers = new Map<string, Json>();
  const subscriptions = new Map<string, Json>();
  const checkoutSessions = new Map<string, Json>();
  const invoices = new Map<string, Json>();
  const portalSessions = new Map<string, Json>();
  /** Checkout's line items and subscription_data, which Stripe does not return on the session. */
  const checkoutDetails = new Map<string, { price: string; subscriptionMetadata: Record<string, string> }>();
  const idempotent = new Map<string, { method: string; path: string; body: string; status: number; json: Json }>();
  const prices = new Map<string, Json>(
    (
      [
        [FAKE_STRIPE_PRICES.pro, 'Pro', 2000],
        [FAKE_STRIPE_PRICES.enterprise, 'Enterprise', 20000],
      ] as const
    ).map(([id, name, amount]) => [
      id,
      {
        id,
        object: 'price',
        active: true,
        currency: 'usd',
        unit_amount: amount,
        unit_amount_decimal: String(amount),
        nickname: name,
        product: `prod_fake_${name.toLowerCase()}`,
        recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', meter: null, trial_period_days: null },
        type: 'recurring',
        billing_scheme: 'per_unit',
        livemode: false,
        lookup_key: null,
        metadata: {},
        created: now(),
      },
    ]),
  );

  let failures: { remaining: number; failure: StripeFailure } | undefined;
  let down = false;
  let base = '';
  let queue: Promise<void> = Promise.resolve();

  const fake: FakeStripe = {
    url: '',
    secretKey: FAKE_STRIPE_SECRET_KEY,
    webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET,
    prices: FAKE_STRIPE_PRICES,
    requests: [],
    events: [],
    customers,
    subscriptions,
    checkoutSessions,
    invoices,
    webhookUrl: options.webhookUrl ?? null,
    deliveries: [],
    failNext(count, failure = {}) {
      failures = { remaining: count, failure: { status: 500, type: 'api_error', message: 'Scripted failure of the fake Stripe server.', ...failure } };
    },
    setDown(value) {
      down = value;
    },
    createCustomer: (params = {}) => createCustomer(params),
    createSubscription: (customerId, opts = {}) => createSubscription(customerId, opts),
    updateSubscription: (id, changes) => updateSubscription(id, changes),
    cancelSubscription: (id) => cancelSubscription(id),
    invoice: (subscriptionId, outcome) => createInvoice(subscriptionId, outcome),
    completeCheckout: (sessionId) => completeCheckout(sessionId),
    emit: (type, object, previous) => emit(type, object, previous),
    sign: (payload, { timestamp, secret } = {}) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret: secret ?? FAKE_STRIPE_WEBHOOK_SECRET, ...(timestamp !== undefined && { timestamp }) }),
    idle: () => queue,
    reset() {
      fake.requests.length = 0;
      fake.events.length = 0;
      fake.deliveries.length = 0;
      failures = undefined;
      down = false;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };

  function emit(type: string, object: Json, previousAttributes?: Json): Json {
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: now(),
      data: { object: clone(object), ...(previousAttributes && { previous_attributes: previousAttributes }) },
      livemode: false,
      pending_webhooks: fake.webhookUrl ? 1 : 0,
      request: { id: null, idempotency_key: null },
      type,
    };
    fake.events.push(event);
    if (fake.webhookUrl) queue = queue.then(() => deliver(event));
    return event;
  }

  /** Like Stripe: a few tries a moment apart until the endpoint answers 2xx. */
  async function deliver(event: Json): Promise<void> {
    const payload = JSON.stringify(event);
    let status = 0;
    for (let attempt = 0; attempt < 4 && !(status >= 200 && status < 300); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      try {
        const response = await fetch(fake.webhookUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': fake.sign(payload) },
          body: payload,
        });
        status = response.status;
        await response.arrayBuffer();
      } catch {
        status = 0;
      }
    }
    fake.deliveries.push({ eventId: event.id, status });
  }

  function createCustomer(params: Json): Json {
    const customer = {
      id: newId('cus'),
      object: 'customer',
      email: params.email ?? null,
      name: params.name ?? null,
      metadata: params.metadata ?? {},
      created: now(),
      livemode: false,
      balance: 0,
      currency: null,
      delinquent: false,
      description: null,
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    };
    customers.set(customer.id, customer);
    emit('customer.created', customer);
    return customer;
  }

  function subscriptionItem(subscriptionId: string, price: Json, start: number): Json {
    return {
      id: newId('si'),
      object: 'subscription_item',
      created: start,
      current_period_start: start,
      current_period_end: start + PERIOD,
      metadata: {},
      price: clone(price),
      quantity: 1,
      subscription: subscriptionId,
      tax_rates: [],
    };
  }

  function createSubscription(customerId: string, opts: { price?: string; status?: string; metadata?: Record<string, string> }): Json {
    if (!customers.has(customerId)) throw new Error(`fake Stripe: no customer ${customerId}`);
    const price = prices.get(opts.price ?? FAKE_STRIPE_PRICES.pro);
    if (!price) throw new Error(`fake Stripe: no price ${opts.price}`);
    const id = newId('sub');
    const start = now();
    const status = opts.status ?? 'active';
    const subscription = {
      id,
      object: 'subscription',
      customer: customerId,
      status,
      items: { object: 'list', data: [subscriptionItem(id, price, start)], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` },
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      collection_method: 'charge_automatically',
      created: start,
      start_date: start,
      billing_cycle_anchor: start,
      currency: price.currency,
      latest_invoice: null,
      livemode: false,
      metadata: opts.metadata ?? {},
      trial_start: status === 'trialing' ? start : null,
      trial_end: status === 'trialing' ? start + 14 * DAY : null,
    };
    subscriptions.set(id, subscription);
    emit('customer.subscription.created', subscription);
    return clone(subscription);
  }

  function subscriptionOrThrow(id: string): Json {
    const subscription = subscriptions.get(id);
    if (!subscription) throw new Error(`fake Stripe: no subscription ${id}`);
    return subscription;
  }

  function updateSubscription(id: string, changes: SubscriptionChanges): Json {
    const subscription = subscriptionOrThrow(id);
    const previous: Json = {};
    const item = subscription.items.data[0];
    if (changes.status !== undefined && changes.status !== subscription.status) {
      previous.status = subscription.status;
      subscription.status = changes.status;
      if (changes.status === 'canceled') {
        subscription.canceled_at = subscription.canceled_at ?? now();
        subscription.ended_at = now();
      }
    }
    if (changes.price !== undefined && changes.price !== item.price.id) {
      const price = prices.get(changes.price);
      if (!price) throw new Error(`fake Stripe: no price ${changes.price}`);
      previous.items = clone(subscription.items);
      item.price = clone(price);
    }
    if (changes.currentPeriodEnd !== undefined) {
      previous.items ??= clone(subscription.items);
      item.current_period_start = item.current_period_end;
      item.current_period_end = changes.currentPeriodEnd;
    }
    if (changes.cancelAtPeriodEnd !== undefined && changes.cancelAtPeriodEnd !== subscription.cancel_at_period_end) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      previous.cancel_at = subscription.cancel_at;
      subscription.cancel_at_period_end = changes.cancelAtPeriodEnd;
      subscription.cancel_at = changes.cancelAtPeriodEnd ? item.current_period_end : null;
      subscription.canceled_at = changes.cancelAtPeriodEnd ? now() : null;
    }
    if (changes.cancelAt !== undefined && changes.cancelAt !== subscription.cancel_at) {
      previous.cancel_at = subscription.cancel_at;
      subscription.cancel_at = changes.cancelAt;
    }
    emit('customer.subscription.updated', subscription, previous);
    return clone(subscription);
  }

  function cancelSubscription(id: string): Json {
    const subscription = subscriptionOrThrow(id);
    subscription.status = 'canceled';
    subscription.canceled_at = subscription.canceled_at ?? now();
    subscription.ended_at = now();
    subscription.cancel_at_period_end = false;
    emit('customer.subscription.deleted', subscription);
    return clone(subscription);
  }

  function createInvoice(subscriptionId: string, outcome: 'paid' | 'failed'): Json {
    const subscription = subscriptionOrThrow(subscriptionId);
    const item = subscription.items.data[0];
    const invoice = {
      id: newId('in'),
      object: 'invoice',
      customer: subscription.customer,
      status: outcome === 'paid' ? 'paid' : 'open',
      amount_due: item.price.unit_amount,
      amount_paid: outcome === 'paid' ? item.price.unit_amount : 0,
      amount_remaining: outcome === 'paid' ? 0 : item.price.unit_amount,
      attempt_count: 1,
      attempted: true,
      billing_reason: 'subscription_cycle',
      currency: item.price.currency,
      created: now(),
      period_start: item.current_period_start,
      period_end: item.current_period_end,
      livemode: false,
      lines: { object: 'list', data: [], has_more: false, url: '/v1/invoices/lines' },
      parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: subscriptionId, metadata: subscription.metadata } },
    };
    invoices.set(invoice.id, invoice);
    subscription.latest_invoice = invoice.id;
    if (outcome === 'failed' && subscription.status === 'active') updateSubscription(subscriptionId, { status: 'past_due' });
    if (outcome === 'paid' && subscription.status === 'past_due') updateSubscription(subscriptionId, { status: 'active' });
    emit(outcome === 'paid' ? 'invoice.paid' : 'invoice.payment_failed', invoice);
    return clone(invoice);
  }

  function completeCheckout(sessionId: string): string {
    const session = checkoutSessions.get(sessionId);
    if (!session || session.status !== 'open') throw new Error(`fake Stripe: checkout session ${sessionId} is not open`);
    const details = checkoutDetails.get(sessionId)!;
    const subscription = createSubscription(session.customer, { price: details.price, metadata: details.subscriptionMetadata });
    createInvoice(subscription.id, 'paid');
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscription.id });
    emit('checkout.session.completed', session);
    return String(session.success_url).replace('{CHECKOUT_SESSION_ID}', sessionId);
  }

  // -------------------------------------------------------------------------------------------
  // The API

  class StripeApiError extends Error {
    constructor(
      readonly status: number,
      readonly type: string,
      message: string,
      readonly extra: Json = {},
    ) {
      super(message);
    }
  }
  const missing = (kind: string, id: string, param = 'id') =>
    new StripeApiError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
  const found = <T>(map: Map<string, T>, kind: string, id: string): T => {
    const value = map.get(id);
    if (!value) throw missing(kind, id);
    return value;
  };

  function listOf(items: Json[], query: Json, path: string): Json {
    const limit = Math.min(100, Math.max(1, Number(query.limit ?? 10)));
    const sorted = [...items].reverse();
    const start = query.starting_after ? sorted.findIndex((item) => item.id === query.starting_after) + 1 : 0;
    const data = sorted.slice(start, start + limit);
    return { object: 'list', data: clone(data), has_more: start + limit < sorted.length, url: path };
  }

  function api(method: string, path: string, query: Json, body: Json): Json {
    const parts = path.split('/').slice(2);
    const [resource, id, sub] = parts;
    const route = `${method} ${resource}${parts[1] === 'sessions' ? '/sessions' : ''}`;

    if (method === 'POST' && path === '/v1/customers') return clone(createCustomer(body));
    if (method === 'GET' && resource === 'customers' && id) return clone(found(customers, 'customer', id));
    if (method === 'GET' && resource === 'prices' && id) return clone(found(prices, 'price', id));

    if (route === 'POST checkout/sessions' && !sub) return createCheckoutSession(body);
    if (route === 'GET checkout/sessions' && sub) return clone(found(checkoutSessions, 'checkout.session', sub));

    if (route === 'POST billing_portal/sessions') {
      const customer = found(customers, 'customer', String(body.customer ?? ''));
      const session = {
        id: newId('bps'),
        object: 'billing_portal.session',
        customer: customer.id,
        return_url: body.return_url ?? null,
        url: '',
        created: now(),
        livemode: false,
        configuration: 'bpc_fake',
        flow: null,
        locale: null,
        on_behalf_of: null,
      };
      session.url = `${base}/portal/${session.id}`;
      portalSessions.set(session.id, session);
      return clone(session);
    }

    if (resource === 'subscriptions') {
      if (method === 'GET' && !id) {
        if (query.customer) found(customers, 'customer', String(query.customer));
        const status = query.status as string | undefined;
        const matching = [...subscriptions.values()].filter(
          (s) =>
            (!query.customer || s.customer === query.customer) &&
            (status === 'all' || (status ? s.status === status : !['canceled', 'incomplete_expired'].includes(s.status))),
        );
        return listOf(matching, query, '/v1/subscriptions');
      }
      const subscription = found(subscriptions, 'subscription', id ?? '');
      if (method === 'GET') return clone(subscription);
      if (method === 'DELETE') return cancelSubscription(subscription.id);
      if (method === 'POST') {
        const changes: SubscriptionChanges = {};
        if (body.cancel_at_period_end !== undefined) changes.cancelAtPeriodEnd = body.cancel_at_period_end === 'true';
        if (body.cancel_at !== undefined) changes.cancelAt = body.cancel_at === '' ? null : Number(body.cancel_at);
        const price = body.items?.[0]?.price;
        if (price) {
          if (!prices.has(price)) throw missing('price', price, 'items[0][price]');
          changes.price = price;
        }
        if (body.metadata) subscription.metadata = { ...subscription.metadata, ...body.metadata };
        return updateSubscription(subscription.id, changes);
      }
    }

    if (method === 'GET' && resource === 'invoices' && id) return clone(found(invoices, 'invoice', id));
    throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  function createCheckoutSession(body: Json): Json {
    if (body.mode !== 'subscription') throw new StripeApiError(400, 'invalid_request_error', 'This fake supports mode=subscription only.', { param: 'mode' });
    const customer = found(customers, 'customer', String(body.customer ?? ''));
    const lineItem = body.line_items?.[0];
    if (!lineItem?.price) throw new StripeApiError(400, 'invalid_request_error', 'line_items is required in subscription mode.', { param: 'line_items' });
    if (!prices.has(lineItem.price)) throw missing('price', lineItem.price, 'line_items[0][price]');
    if (!body.success_url) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: success_url.', { param: 'success_url' });
    const created = now();
    const session = {
      id: `cs_test_${randomBytes(16).toString('hex')}`,
      object: 'checkout.session',
      mode: 'subscription',
      customer: customer.id,
      customer_email: null,
      client_reference_id: body.client_reference_id ?? null,
      metadata: body.metadata ?? {},
      success_url: body.success_url,
      cancel_url: body.cancel_url ?? null,
      status: 'open',
      payment_status: 'unpaid',
      subscription: null,
      invoice: null,
      currency: prices.get(lineItem.price)!.currency,
      amount_total: prices.get(lineItem.price)!.unit_amount,
      created,
      expires_at: created + DAY,
      livemode: false,
      url: '',
    };
    session.url = `${base}/checkout/${session.id}`;
    checkoutSessions.set(session.id, session);
    checkoutDetails.set(session.id, { price: lineItem.price, subscriptionMetadata: body.subscription_data?.metadata ?? {} });
    return clone(session);
  }

  function answerJson(res: ServerResponse, status: number, json: Json, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), ...headers });
    res.end(JSON.stringify(json));
  }

  function answerApi(req: IncomingMessage, res: ServerResponse, path: string, search: URLSearchParams, raw: string): void {
    const query = parseStripeForm(search.toString());
    const body = parseStripeForm(raw);
    const record: RecordedStripeRequest = { method: req.method ?? 'GET', path, query, body, headers: req.headers, outcome: 'answered' };
    fake.requests.push(record);
    if (down) {
      record.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    if (failures && failures.remaining > 0) {
      failures.remaining -= 1;
      const { status, type, message, code } = failures.failure;
      record.outcome = 'failed';
      record.status = status;
      answerJson(res, status, { error: { type, message, ...(code && { code }) } }, { 'stripe-should-retry': 'false' });
      return;
    }
    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) {
      record.status = 401;
      answerJson(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
      return;
    }
    const key = req.method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    const earlier = key ? idempotent.get(key) : undefined;
    if (earlier) {
      if (earlier.method !== req.method || earlier.path !== path || earlier.body !== raw) {
        record.status = 400;
        answerJson(res, 400, {
          error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with.` },
        });
        return;
      }
      record.status = earlier.status;
      answerJson(res, earlier.status, earlier.json, { 'idempotent-replayed': 'true' });
      return;
    }
    let status = 200;
    let json: Json;
    try {
      json = api(req.method ?? 'GET', path, query, body);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      json = { error: { type: error.type, message: error.message, ...error.extra } };
    }
    if (key) idempotent.set(key, { method: req.method ?? 'POST', path, body: raw, status, json });
    record.status = status;
    answerJson(res, status, json);
  }

  // -------------------------------------------------------------------------------------------
  // Hosted pages: Checkout and the customer portal

  function answerPage(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  }

  function redirect(res: ServerResponse, location: string): void {
    res.writeHead(303, { location });
    res.end();
  }

  function answerHosted(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    const checkout = /^\/checkout\/(cs_[A-Za-z0-9_]+)(\/pay)?$/.exec(path);
    if (checkout) {
      const session = checkoutSessions.get(checkout[1]!);
      if (!session) {
        answerPage(res, 404, page('Checkout not found', '<p>This checkout link is not valid.</p>'));
      } else if (checkout[2] && req.method === 'POST') {
        if (session.status !== 'open') answerPage(res, 409, page('Checkout already completed', '<p>This checkout is no longer open.</p>'));
        else redirect(res, completeCheckout(session.id));
      } else {
        const price = prices.get(checkoutDetails.get(session.id)!.price)!;
        const pay =
          session.status === 'open'
            ? `<form method="post" action="/checkout/${session.id}/pay"><button type="submit">Pay</button></form>`
            : '<p>This checkout is complete.</p>';
        answerPage(
          res,
          200,
          page(
            'Fake Stripe Checkout',
            `<p>${escapeHtml(price.nickname)} plan: ${escapeHtml(money(price))}</p><p>Test card 4242 4242 4242 4242</p>${pay}` +
              (session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Cancel</a></p>` : ''),
          ),
        );
      }
      return true;
    }
    const portal = /^\/portal\/(bps_[A-Za-z0-9_]+)(\/cancel)?$/.exec(path);
    if (portal) {
      const session = portalSessions.get(portal[1]!);
      if (!session) {
        answerPage(res, 404, page('Portal session not found', '<p>This portal link is not valid.</p>'));
        return true;
      }
      const live = [...subscriptions.values()].filter((s) => s.customer === session.customer && ['trialing', 'active', 'past_due'].includes(s.status));
      if (portal[2] && req.method === 'POST') {
        for (const subscription of live) if (!subscription.cancel_at_period_end) updateSubscription(subscription.id, { cancelAtPeriodEnd: true });
        redirect(res, `/portal/${session.id}`);
        return true;
      }
      const plans = live
        .map((s) => {
          const item = s.items.data[0];
          const when = s.cancel_at_period_end ? `Cancels on ${dateOf(s.cancel_at ?? item.current_period_end)}` : `Renews on ${dateOf(item.current_period_end)}`;
          return `<li>${escapeHtml(item.price.nickname ?? item.price.id)}: ${escapeHtml(money(item.price))}. ${when}.</li>`;
        })
        .join('');
      const cancel = live.some((s) => !s.cancel_at_period_end)
        ? `<form method="post" action="/portal/${session.id}/cancel"><button type="submit">Cancel plan</button></form>`
        : '';
      answerPage(
        res,
        200,
        page(
          'Fake Stripe customer portal',
          `<ul>${plans || '<li>No current plan.</li>'}</ul>${cancel}<p><a href="${escapeHtml(session.return_url ?? '/')}">Return to Venture Companion</a></p>`,
        ),
      );
      return true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://fake-stripe.invalid');
      if (url.pathname.startsWith('/v1/')) answerApi(req, res, url.pathname, url.searchParams, raw);
      else if (!answerHosted(req, res, url.pathname)) answerJson(res, 404, { error: { type: 'invalid_request_error', message: `No route ${req.method} ${url.pathname}` } });
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: `fake Stripe crashed: ${String(error)}` } }));
    });
  });
  // Keep-alive sockets would hold close() open after the tests.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  const close = fake.close;
  fake.close = async () => {
    await queue;
    server.closeAllConnections();
    return close();
  };
  return fake;
}

/** The app's billing settings pointing at a fake. */
export function fakeStripeEnv(fake: Pick<FakeStripe, 'url' | 'secretKey' | 'webhookSecret' | 'prices'>): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: fake.secretKey,
    STRIPE_WEBHOOK_SECRET: fake.webhookSecret,
    STRIPE_PRICE_PRO: fake.prices.pro,
    STRIPE_PRICE_ENTERPRISE: fake.prices.enterprise,
    STRIPE_API_URL: fake.url,
  };
}

export const NO_STRIPE_ENV = { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_PRICE_PRO: undefined, STRIPE_PRICE_ENTERPRISE: undefined, STRIPE_API_URL: undefined };

/**
 * A fake Stripe for one test file: before each test it forgets earlier requests, events and
 * scripted failures (its objects stay) and the app is pointed at it; afterwards billing is
 * unconfigured again and the server closed.
 */
export async function fakeStripeForThisFile(): Promise<FakeStripe> {
  const fake = await startFakeStripe();
  beforeEach(() => {
    fake.reset();
    setEnv(fakeStripeEnv(fake));
  });
  afterAll(async () => {
    setEnv(NO_STRIPE_ENV);
    await fake.close();
  });
  return fake;
}
