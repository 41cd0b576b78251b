-- Billing (issue 9): Stripe state that cannot drift.
--
-- 1. public.stripe_events, the ledger of webhook deliveries: one row per Stripe event id, so a
--    duplicate delivery is recognised and takes no second effect, and a failed one keeps its
--    attempts and last error. Only the server reads it (an admin page will, through SECURITY
--    DEFINER functions); users and anon have no access at all.
-- 2. public.subscriptions, the projection of each Stripe subscription as Stripe last said it was
--    (every writer fetches the subscription from Stripe first). Users read their own rows; only
--    the functions below write.
-- 3. The profile's subscription_tier, subscription_status and current_period_end are written by
--    private.set_billing_profile and nothing else (billing:set-tier calls it too), and
--    stripe_customer_id by private.set_stripe_customer: the service role loses its direct
--    INSERT and UPDATE on those columns.
-- 4. Applying a subscription recomputes the profile from all of that user's subscriptions, so a
--    late event of an old subscription cannot downgrade a user who has a newer live one.
-- 5. Webhook processing: claiming an event locks its ledger row (concurrent deliveries of one event
--    wait, then see it processed) and the subscription it concerns (writes to one subscription
--    are serialised, and each fetches Stripe's state inside the lock, so the last write is the
--    newest state whatever order the events came in).

-- ---------------------------------------------------------------------------------------------
-- 1. The event ledger

create table public.stripe_events (
  id text primary key check (id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
  type text not null check (char_length(type) between 1 and 100),
  -- The event's own `created` (when it happened at Stripe), not when it reached us.
  created timestamptz not null,
  livemode boolean not null,
  -- data.object.id: the subscription, checkout session or invoice the event is about.
  object_id text check (char_length(object_id) <= 255),
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  -- Processing attempts (a duplicate of a processed event is not one); deliveries counts every
  -- time Stripe sent it, duplicates included.
  attempts integer not null default 0 check (attempts >= 0),
  deliveries integer not null default 1 check (deliveries >= 1),
  -- A short reason (an error class or SQLSTATE), never a message that could carry data or secrets.
  last_error text check (char_length(last_error) <= 500)
);

create index stripe_events_unprocessed_idx on public.stripe_events (received_at) where processed_at is null;

alter table public.stripe_events enable row level security;
revoke all on public.stripe_events from anon, authenticated, service_role;
-- The server reads the ledger; it writes only through the functions below.
grant select on public.stripe_events to service_role;
-- Every table names who its policy is for (npm run verify-migrations): here the server alone.
-- service_role bypasses RLS anyway; anon and authenticated have no policy and no privilege.
create policy "Stripe events: the server reads" on public.stripe_events
  for select to service_role using (true);

-- ---------------------------------------------------------------------------------------------
-- 2. The subscription projection

create table public.subscriptions (
  id text primary key check (id ~ '^sub_[A-Za-z0-9_]{1,250}$'),
  user_id uuid not null references auth.users (id) on delete cascade,
  customer_id text not null check (char_length(customer_id) between 1 and 255),
  -- Stripe's status, as Stripe spells it (a status Stripe adds later is stored and grants nothing).
  status text not null check (status ~ '^[a-z_]{1,40}$'),
  price_id text check (char_length(price_id) <= 255),
  -- The price's tier (from STRIPE_PRICE_PRO / STRIPE_PRICE_ENTERPRISE); free for a price we do not sell.
  tier text not null check (tier in ('free', 'pro', 'enterprise')),
  -- Read from the subscription item: since API version 2025-03-31 the period lives on items.
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  cancel_at timestamptz,
  canceled_at timestamptz,
  -- The `created` of the newest webhook event applied to this row (null: written by sync or reconcile only).
  last_event_created timestamptz,
  created_at timestamptz not null default now(),
  -- Moves only when Stripe's state changed.
  updated_at timestamptz not null default now()
);

create index subscriptions_user_id_idx on public.subscriptions (user_id);
create index subscriptions_customer_id_idx on public.subscriptions (customer_id);

alter table public.subscriptions enable row level security;
revoke all on public.subscriptions from anon, authenticated, service_role;
grant select on public.subscriptions to authenticated, service_role;
create policy "Subscriptions: owner reads" on public.subscriptions
  for select to authenticated using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- 3. Who writes billing state on the profile

revoke insert, update on public.user_profiles from service_role;
-- The service role keeps what it may change on a user's behalf: the columns a user owns, and the organization.
grant update (
  display_name, role, vertical, stack, tone, risk_tolerance, kpi_focus, brand_voice,
  company_context, preferred_models, timezone, onboarding_step, onboarding_completed_at, org_id
) on public.user_profiles to service_role;

-- The one writer of tier, status and period end. Answers whether anything changed.
create function private.set_billing_profile(p_user uuid, p_tier text, p_status text, p_period_end timestamptz)
  returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
begin
  update public.user_profiles p
  set subscription_tier = p_tier, subscription_status = p_status, current_period_end = p_period_end
  where p.user_id = p_user
    and (p.subscription_tier, p.subscription_status, p.current_period_end) is distinct from (p_tier, p_status, p_period_end);
  return found;
end;
$$;

-- One Stripe customer per user: the first id stored stays. Returns the stored id (null: no such profile).
create function private.set_stripe_customer(p_user uuid, p_customer text)
  returns text
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_customer text;
begin
  if p_customer is null or p_customer !~ '^cus_[A-Za-z0-9_]{1,250}$' then
    raise exception 'set_stripe_customer: % is not a Stripe customer id', p_customer using errcode = '22023';
  end if;
  update public.user_profiles p set stripe_customer_id = p_customer
  where p.user_id = p_user and p.stripe_customer_id is null;
  select p.stripe_customer_id into v_customer from public.user_profiles p where p.user_id = p_user;
  return v_customer;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- 4. The subscription that decides the profile

-- The user's best subscription: a live paid one first (enterprise over pro), then by how alive
-- its status is, then the one whose period ends last. SECURITY INVOKER: as a user, RLS shows only
-- their own rows, so /api/billing and the profile read the same choice.
create function private.current_subscription(p_user uuid)
  returns setof public.subscriptions
  language sql stable
  set search_path = ''
as $$
  select s.* from public.subscriptions s
  where s.user_id = p_user
  order by
    case when s.status in ('trialing', 'active', 'past_due') then
      case s.tier when 'enterprise' then 2 when 'pro' then 1 else 0 end
    else 0 end desc,
    case s.status
      when 'active' then 7 when 'trialing' then 6 when 'past_due' then 5 when 'unpaid' then 4
      when 'paused' then 3 when 'incomplete' then 2 when 'canceled' then 1 else 0
    end desc,
    s.current_period_end desc nulls last,
    s.id
  limit 1
$$;

-- Stripe status → profile: trialing / active keep the price's tier; past_due keeps it too (Stripe
-- is still retrying the payment) with status past_due; unpaid, incomplete (first payment not made)
-- and paused end the paid tier with status inactive; canceled is free / canceled; an
-- incomplete_expired subscription was never paid, so the user is plainly free again.
create function private.refresh_billing_profile(p_user uuid)
  returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_sub public.subscriptions%rowtype;
begin
  select * into v_sub from private.current_subscription(p_user);
  if not found then
    return private.set_billing_profile(p_user, 'free', 'free', null);
  end if;
  return private.set_billing_profile(
    p_user,
    case when v_sub.status in ('trialing', 'active', 'past_due') then v_sub.tier else 'free' end,
    case v_sub.status
      when 'active' then 'active'
      when 'trialing' then 'trialing'
      when 'past_due' then 'past_due'
      when 'canceled' then 'canceled'
      when 'incomplete_expired' then 'free'
      else 'inactive'
    end,
    v_sub.current_period_end
  );
end;
$$;

-- Serialises every write to one subscription (webhook, sync, reconcile). Taken before the
-- subscription is fetched from Stripe, so writes land in the order their fetches were made.
create function private.lock_stripe_subscription(p_subscription text)
  returns void
  language sql volatile
  set search_path = ''
as $$
  select pg_advisory_xact_lock(hashtextextended('stripe subscription ' || p_subscription, 0))
$$;

-- Stores a subscription as fetched from Stripe and recomputes its user's profile. The user is the
-- one whose profile holds the customer (stored before the first checkout); a customer nobody has
-- changes nothing. With p_event_id, that event is marked processed in the same transaction.
-- Answers the user and whether the subscription row or the profile changed.
create function private.apply_stripe_subscription(
  p_subscription text,
  p_customer text,
  p_status text,
  p_price text,
  p_tier text,
  p_current_period_end timestamptz,
  p_cancel_at_period_end boolean,
  p_cancel_at timestamptz,
  p_canceled_at timestamptz,
  p_event_id text,
  p_event_created timestamptz
) returns table (user_id uuid, changed boolean)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid;
  v_old public.subscriptions%rowtype;
  v_changed boolean;
begin
  -- Locks the profile: two subscriptions of one user applied at once recompute one after the other.
  select p.user_id into v_user from public.user_profiles p where p.stripe_customer_id = p_customer for update;
  if v_user is null then
    if p_event_id is not null then
      update public.stripe_events e
      set processed_at = now(), last_error = left('no account has customer ' || p_customer, 500)
      where e.id = p_event_id;
    end if;
    return query select null::uuid, false;
    return;
  end if;

  select * into v_old from public.subscriptions s where s.id = p_subscription;
  v_changed := v_old.id is null
    or (v_old.user_id, v_old.customer_id, v_old.status, v_old.price_id, v_old.tier, v_old.current_period_end,
        v_old.cancel_at_period_end, v_old.cancel_at, v_old.canceled_at)
       is distinct from
       (v_user, p_customer, p_status, p_price, p_tier, p_current_period_end,
        p_cancel_at_period_end, p_cancel_at, p_canceled_at);

  insert into public.subscriptions as s (
    id, user_id, customer_id, status, price_id, tier, current_period_end,
    cancel_at_period_end, cancel_at, canceled_at, last_event_created
  ) values (
    p_subscription, v_user, p_customer, p_status, p_price, p_tier, p_current_period_end,
    p_cancel_at_period_end, p_cancel_at, p_canceled_at, p_event_created
  )
  on conflict (id) do update set
    user_id = excluded.user_id,
    customer_id = excluded.customer_id,
    status = excluded.status,
    price_id = excluded.price_id,
    tier = excluded.tier,
    current_period_end = excluded.current_period_end,
    cancel_at_period_end = excluded.cancel_at_period_end,
    cancel_at = excluded.cancel_at,
    canceled_at = excluded.canceled_at,
    last_event_created = greatest(s.last_event_created, excluded.last_event_created),
    updated_at = case when v_changed then now() else s.updated_at end;

  v_changed := private.refresh_billing_profile(v_user) or v_changed;

  if p_event_id is not null then
    update public.stripe_events e set processed_at = now() where e.id = p_event_id;
  end if;
  return query select v_user, v_changed;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- 5. Webhook processing

-- Records a delivery and decides what to do with it, holding the ledger row's lock until the
-- caller's transaction ends:
--   'duplicate' — already processed: only the delivery is counted;
--   'ignored'   — nothing to apply (a type we do not handle, or an event about no subscription):
--                 recorded as processed;
--   'process'   — an attempt is counted and the subscription locked; the caller fetches it from
--                 Stripe and applies it in the same transaction.
create function private.claim_stripe_event(
  p_id text,
  p_type text,
  p_created timestamptz,
  p_livemode boolean,
  p_object_id text,
  p_subscription text
) returns text
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_processed timestamptz;
begin
  insert into public.stripe_events as e (id, type, created, livemode, object_id)
  values (p_id, p_type, p_created, p_livemode, p_object_id)
  on conflict (id) do update set deliveries = e.deliveries + 1
  returning e.processed_at into v_processed;
  if v_processed is not null then
    return 'duplicate';
  end if;
  if p_subscription is null then
    update public.stripe_events e set attempts = e.attempts + 1, processed_at = now() where e.id = p_id;
    return 'ignored';
  end if;
  update public.stripe_events e set attempts = e.attempts + 1 where e.id = p_id;
  perform private.lock_stripe_subscription(p_subscription);
  return 'process';
end;
$$;

-- After a failed attempt (its transaction rolled back, the claim with it): counts that delivery
-- and attempt again and keeps the reason, unless another delivery has processed the event since.
create function private.record_stripe_event_failure(
  p_id text,
  p_type text,
  p_created timestamptz,
  p_livemode boolean,
  p_object_id text,
  p_error text
) returns void
  language sql volatile
  security definer
  set search_path = ''
as $$
  insert into public.stripe_events as e (id, type, created, livemode, object_id, attempts, last_error)
  values (p_id, p_type, p_created, p_livemode, p_object_id, 1, left(p_error, 500))
  on conflict (id) do update set
    deliveries = e.deliveries + 1,
    attempts = e.attempts + 1,
    last_error = case when e.processed_at is null then excluded.last_error else e.last_error end
$$;

-- An event whose subscription Stripe no longer has: nothing to apply, so it is done, with the reason.
create function private.finish_stripe_event(p_id text, p_note text)
  returns void
  language sql volatile
  security definer
  set search_path = ''
as $$
  update public.stripe_events e set processed_at = now(), last_error = left(p_note, 500) where e.id = p_id
$$;

revoke all on function private.set_billing_profile(uuid, text, text, timestamptz) from public;
revoke all on function private.set_stripe_customer(uuid, text) from public;
revoke all on function private.current_subscription(uuid) from public;
revoke all on function private.refresh_billing_profile(uuid) from public;
revoke all on function private.lock_stripe_subscription(text) from public;
revoke all on function private.apply_stripe_subscription(text, text, text, text, text, timestamptz, boolean, timestamptz, timestamptz, text, timestamptz) from public;
revoke all on function private.claim_stripe_event(text, text, timestamptz, boolean, text, text) from public;
revoke all on function private.record_stripe_event_failure(text, text, timestamptz, boolean, text, text) from public;
revoke all on function private.finish_stripe_event(text, text) from public;

-- The server's role only. refresh_billing_profile is called by apply alone, so nobody is granted it.
grant execute on function private.set_billing_profile(uuid, text, text, timestamptz) to service_role;
grant execute on function private.set_stripe_customer(uuid, text) to service_role;
grant execute on function private.lock_stripe_subscription(text) to service_role;
grant execute on function private.apply_stripe_subscription(text, text, text, text, text, timestamptz, boolean, timestamptz, timestamptz, text, timestamptz) to service_role;
grant execute on function private.claim_stripe_event(text, text, timestamptz, boolean, text, text) to service_role;
grant execute on function private.record_stripe_event_failure(text, text, timestamptz, boolean, text, text) to service_role;
grant execute on function private.finish_stripe_event(text, text) to service_role;
-- A read under the caller's own RLS: a user learns nothing about anyone else's subscriptions.
grant execute on function private.current_subscription(uuid) to authenticated, service_role;
