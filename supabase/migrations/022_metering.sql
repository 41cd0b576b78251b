-- Metering of every metric (issue 9): runs, tokens, the premium daily token cap, templates,
-- exports and voice seconds, each limited per plan and counted in usage_metrics.
--
-- 1. public.plan_limits is the one place the limits are defined. The functions below, GET
--    /api/usage, GET /api/plans (and the pricing page) and the README's table all read it.
-- 2. One way to move a counter: private.take_usage adds within the limit in one statement, and
--    private.give_back_usage lowers it. No role may execute either; only the SECURITY DEFINER
--    functions here call them, each with an amount a reservation the server wrote took.
-- 3. Runs reserve against the daily token cap as well, and settle it on the day they reserved in.
-- 4. Every other metric reserves through private.reserve_metric, which records the reservation in
--    public.usage_reservations. Settling names that reservation, so it gives back at most what the
--    reservation took, and only once, whoever calls it.
-- 5. Reservations a killed function left held are released by the daily maintenance.

-- ---------------------------------------------------------------------------------------------
-- 1. The limits

create table public.plan_limits (
  tier text not null check (tier in ('free', 'pro', 'enterprise')),
  metric text not null check (metric in ('runs', 'tokens', 'daily_tokens', 'templates', 'exports', 'voice_seconds')),
  -- A monthly counter starts on the first day of each calendar month (UTC), a daily one each UTC day.
  period text not null check (period in ('month', 'day')),
  -- null: no limit.
  quota bigint check (quota >= 0),
  primary key (tier, metric)
);

-- Free has no daily cap of its own: its monthly token limit is lower than any day's cap.
insert into public.plan_limits (tier, metric, period, quota) values
  ('free', 'runs', 'month', 100),
  ('pro', 'runs', 'month', 1000),
  ('enterprise', 'runs', 'month', null),
  ('free', 'tokens', 'month', 100000),
  ('pro', 'tokens', 'month', 1000000),
  ('enterprise', 'tokens', 'month', null),
  ('free', 'daily_tokens', 'day', null),
  ('pro', 'daily_tokens', 'day', 200000),
  ('enterprise', 'daily_tokens', 'day', 2000000),
  ('free', 'templates', 'month', 10),
  ('pro', 'templates', 'month', 100),
  ('enterprise', 'templates', 'month', null),
  ('free', 'exports', 'month', 5),
  ('pro', 'exports', 'month', 50),
  ('enterprise', 'exports', 'month', null),
  ('free', 'voice_seconds', 'month', 0),
  ('pro', 'voice_seconds', 'month', 7200),
  ('enterprise', 'voice_seconds', 'month', 72000);

-- Public pricing information: anyone may read it, signed in or not. Only migrations change it.
alter table public.plan_limits enable row level security;
create policy "Plan limits: anyone reads" on public.plan_limits
  for select to anon, authenticated using (true);
revoke all on public.plan_limits from anon, authenticated, service_role;
grant select on public.plan_limits to anon, authenticated, service_role;

-- The limit row of a tier and metric. An unknown tier, or none (no profile), gets free's limits.
create function private.plan_limit(p_tier text, p_metric text) returns public.plan_limits
  language sql stable
  set search_path = ''
as $$
  select l.* from public.plan_limits l
  where l.metric = p_metric and l.tier in (p_tier, 'free')
  order by l.tier = 'free'
  limit 1
$$;

-- Reads plan_limits instead of the numbers migration 015 wrote here; null means unlimited.
create or replace function private.usage_limit(p_tier text, p_metric text) returns bigint
  language sql stable
  set search_path = ''
as $$
  select (private.plan_limit(p_tier, p_metric)).quota
$$;

-- The counter period that starts the current one: this month's first day, or today, in UTC.
create function private.period_start(p_period text) returns date
  language sql stable
  set search_path = ''
as $$
  select case p_period
    when 'month' then (date_trunc('month', now() at time zone 'UTC'))::date
    when 'day' then (now() at time zone 'UTC')::date
  end
$$;

revoke all on function private.plan_limit(text, text), private.period_start(text) from public;
grant execute on function private.plan_limit(text, text), private.period_start(text) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- 2. Moving a counter

alter table public.usage_metrics drop constraint usage_metrics_metric_type_check;
alter table public.usage_metrics add constraint usage_metrics_metric_type_check
  check (metric_type in ('runs', 'tokens', 'daily_tokens', 'templates', 'exports', 'voice_seconds'));

-- The counters move only through the functions below; the server's role reads them.
revoke insert, update, delete, truncate on public.usage_metrics from service_role;

-- Adds p_amount to one of p_user's counters unless that would take it past p_quota (null: no
-- limit), in one INSERT … ON CONFLICT DO UPDATE … WHERE: the row is locked and the limit checked
-- against its latest value, so concurrent requests for the last unit admit exactly one. A first
-- amount larger than the limit proposes no row at all (INSERT … SELECT … WHERE). Returns the new
-- count, or null when refused, having written nothing.
--
-- Not SECURITY DEFINER, and no role may execute it: it runs with the rights of the definer
-- function that calls it.
create function private.take_usage(p_user uuid, p_metric text, p_period date, p_amount bigint, p_quota bigint) returns bigint
  language sql volatile
  set search_path = ''
as $$
  insert into public.usage_metrics as m (user_id, metric_type, period_start, count)
  select p_user, p_metric, p_period, p_amount
  where p_quota is null or p_amount <= p_quota
  on conflict (user_id, metric_type, period_start) do update
    set count = m.count + excluded.count, updated_at = now()
    where p_quota is null or m.count + excluded.count <= p_quota
  returning m.count
$$;

-- Lowers one counter by p_amount, never below zero. Callers pass what their own reservation took
-- and has not used (a run's row, a usage_reservations row); no role may execute it, so nobody can
-- name an amount of their own.
create function private.give_back_usage(p_user uuid, p_metric text, p_period date, p_amount bigint) returns void
  language sql volatile
  set search_path = ''
as $$
  update public.usage_metrics m
  set count = greatest(0, m.count - p_amount), updated_at = now()
  where m.user_id = p_user and m.metric_type = p_metric and m.period_start = p_period and p_amount > 0
$$;

-- The counter as it stands (0 before its first use), for a refusal's answer.
create function private.usage_count(p_user uuid, p_metric text, p_period date) returns bigint
  language sql stable
  set search_path = ''
as $$
  select coalesce(
    (select m.count from public.usage_metrics m
     where m.user_id = p_user and m.metric_type = p_metric and m.period_start = p_period),
    0)
$$;

revoke all on function private.take_usage(uuid, text, date, bigint, bigint),
  private.give_back_usage(uuid, text, date, bigint),
  private.usage_count(uuid, text, date)
  from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- 3. Runs

-- The UTC day the run reserved its tokens against the daily cap in; finish_run settles that
-- day's counter there, as it settles the month's in usage_period.
alter table public.agent_runs add column usage_day date;

-- As in 016, with the daily token cap: one run and p_tokens tokens this month, and p_tokens
-- today, or nothing. On success one ok row per metric with its new count (runs, tokens,
-- daily_tokens, in that order); when a metric would go over its limit, that metric alone
-- (ok = false, its current count and limit, the period it counts in) and no counter changed.
create or replace function private.reserve_usage(p_user uuid, p_tokens bigint)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_month date := private.period_start('month');
  v_day date := private.period_start('day');
  v_tier text;
  v_runs_limit bigint;
  v_tokens_limit bigint;
  v_daily_limit bigint;
  v_runs bigint;
  v_tokens bigint;
  v_daily bigint;
begin
  if p_user is null then
    raise exception 'reserve_usage needs a user' using errcode = '22023';
  end if;
  if p_tokens is null or p_tokens < 0 then
    raise exception 'p_tokens must be zero or more' using errcode = '22023';
  end if;
  select p.subscription_tier into v_tier from public.user_profiles p where p.user_id = p_user;
  v_runs_limit := private.usage_limit(v_tier, 'runs');
  v_tokens_limit := private.usage_limit(v_tier, 'tokens');
  v_daily_limit := private.usage_limit(v_tier, 'daily_tokens');

  -- Always in this order (runs, tokens, daily_tokens), here and in finish_run, so two requests of
  -- one user lock the rows in the same order and cannot deadlock.
  v_runs := private.take_usage(p_user, 'runs', v_month, 1, v_runs_limit);
  if v_runs is null then
    return query select false, 'runs'::text, private.usage_count(p_user, 'runs', v_month), v_runs_limit, v_month;
    return;
  end if;

  v_tokens := private.take_usage(p_user, 'tokens', v_month, p_tokens, v_tokens_limit);
  if v_tokens is null then
    -- This transaction holds the runs row's lock since it took the run, so giving it back is
    -- exact whatever runs concurrently.
    perform private.give_back_usage(p_user, 'runs', v_month, 1);
    return query select false, 'tokens'::text, private.usage_count(p_user, 'tokens', v_month), v_tokens_limit, v_month;
    return;
  end if;

  v_daily := private.take_usage(p_user, 'daily_tokens', v_day, p_tokens, v_daily_limit);
  if v_daily is null then
    perform private.give_back_usage(p_user, 'runs', v_month, 1);
    perform private.give_back_usage(p_user, 'tokens', v_month, p_tokens);
    return query select false, 'daily_tokens'::text, private.usage_count(p_user, 'daily_tokens', v_day), v_daily_limit, v_day;
    return;
  end if;

  return query values (true, 'runs'::text, v_runs, v_runs_limit, v_month),
                      (true, 'tokens'::text, v_tokens, v_tokens_limit, v_month),
                      (true, 'daily_tokens'::text, v_daily, v_daily_limit, v_day);
end;
$$;

-- As in 019, recording the day of the daily reservation next to the month's.
create or replace function private.open_run(
  p_run_id uuid,
  p_user uuid,
  p_trigger text,
  p_task text,
  p_system_prompt text,
  p_user_prompt text,
  p_selected_atoms uuid[],
  p_blend_recipe jsonb,
  p_vibe_snapshot jsonb,
  p_provider text,
  p_model text,
  p_output_type text,
  p_price jsonb,
  p_reserved_tokens bigint,
  p_thread_id uuid,
  p_thread_context jsonb,
  p_replaces_run_id uuid
) returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation record;
  v_refused boolean := false;
  v_period date;
  v_day date;
begin
  for v_reservation in select * from private.reserve_usage(p_user, p_reserved_tokens) loop
    ok := v_reservation.ok;
    metric := v_reservation.metric;
    used := v_reservation.used;
    quota := v_reservation.quota;
    period := v_reservation.period;
    v_refused := v_refused or not v_reservation.ok;
    if v_reservation.metric = 'daily_tokens' then
      v_day := v_reservation.period;
    else
      v_period := v_reservation.period;
    end if;
    return next;
  end loop;
  if not v_refused then
    insert into public.agent_runs (
      id, user_id, trigger, task, system_prompt, user_prompt, selected_atoms, blend_recipe, vibe_snapshot,
      provider, model, output_type, price, status, started_at, reserved_tokens, usage_period, usage_day,
      thread_id, thread_context, replaces_run_id
    ) values (
      p_run_id, p_user, p_trigger, p_task, p_system_prompt, p_user_prompt, p_selected_atoms, p_blend_recipe, p_vibe_snapshot,
      p_provider, p_model, p_output_type, p_price, 'running', now(), p_reserved_tokens, v_period, v_day,
      p_thread_id, p_thread_context, p_replaces_run_id
    );
    if p_thread_id is not null then
      update public.threads t set updated_at = now() where t.id = p_thread_id and t.user_id = p_user;
    end if;
  end if;
end;
$$;

-- Replaces what a reservation took from one counter by what was used: gives back the unused part
-- (at most the reservation), or counts the excess a provider reported beyond it, without a limit
-- check (it has been used; refusing cannot undo it).
create function private.settle_usage_counter(p_user uuid, p_metric text, p_period date, p_reserved bigint, p_used bigint) returns void
  language plpgsql volatile
  set search_path = ''
as $$
begin
  if p_used < p_reserved then
    perform private.give_back_usage(p_user, p_metric, p_period, p_reserved - p_used);
  elsif p_used > p_reserved then
    perform private.take_usage(p_user, p_metric, p_period, p_used - p_reserved, null);
  end if;
end;
$$;

revoke all on function private.settle_usage_counter(uuid, text, date, bigint, bigint) from public, anon, authenticated, service_role;

-- As in 016: settles a run once, from the reservation recorded on it, in the month and on the day
-- it reserved in (a run that straddles midnight settles where it reserved), never below zero.
create or replace function private.finish_run(
  p_run_id uuid,
  p_status text,
  p_output jsonb,
  p_error text,
  p_input_tokens integer,
  p_cached_input_tokens integer,
  p_output_tokens integer,
  p_cost_usd numeric,
  p_latency_ms integer
) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_run public.agent_runs%rowtype;
  v_used bigint := p_input_tokens::bigint + p_output_tokens;
begin
  if p_status is null or p_status not in ('succeeded', 'failed', 'cancelled') then
    raise exception 'finish_run: % is not a final status', p_status using errcode = '22023';
  end if;
  if p_input_tokens < 0 or p_cached_input_tokens < 0 or p_output_tokens < 0 or p_cost_usd < 0 then
    raise exception 'finish_run: token counts and cost must be zero or more' using errcode = '22023';
  end if;
  update public.agent_runs r
  set status = p_status, output = p_output, error = p_error,
      input_tokens = p_input_tokens, cached_input_tokens = p_cached_input_tokens, output_tokens = p_output_tokens,
      cost_usd = p_cost_usd, latency_ms = p_latency_ms,
      started_at = coalesce(r.started_at, now()), completed_at = now()
  where r.id = p_run_id and r.status in ('queued', 'running')
  returning r.* into v_run;
  if not found then
    return false;
  end if;
  if v_run.usage_period is not null then
    perform private.settle_usage_counter(v_run.user_id, 'tokens', v_run.usage_period, v_run.reserved_tokens, v_used);
  end if;
  if v_run.usage_day is not null then
    perform private.settle_usage_counter(v_run.user_id, 'daily_tokens', v_run.usage_day, v_run.reserved_tokens, v_used);
  end if;
  return true;
end;
$$;

-- create or replace keeps the grants of 016 and 019; restated so this file shows who may call them.
revoke all on function private.reserve_usage(uuid, bigint) from public;
revoke all on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid) from public;
revoke all on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer) from public;
grant execute on function private.reserve_usage(uuid, bigint) to service_role;
grant execute on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid) to service_role;
grant execute on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer) to service_role;

-- ---------------------------------------------------------------------------------------------
-- 4. Reservations of the other metrics

create table public.usage_reservations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  metric text not null check (metric in ('templates', 'exports', 'voice_seconds')),
  -- The counter row the reservation took from (its metric's period when it was made).
  period_start date not null,
  reserved_amount bigint not null check (reserved_amount > 0),
  settled_amount bigint,
  -- released: settled with nothing used (a failed action, or one left held by a killed function).
  state text not null default 'held' check (state in ('held', 'settled', 'released')),
  -- What it was for, as the user reads it (a transcription, an export).
  subject text not null check (char_length(subject) between 1 and 200),
  created_at timestamptz not null default now(),
  settled_at timestamptz,
  constraint usage_reservations_settled_within check (settled_amount between 0 and reserved_amount),
  constraint usage_reservations_settled_once check (
    (state = 'held') = (settled_amount is null) and (state = 'held') = (settled_at is null)
  )
);

create index usage_reservations_user_created_idx on public.usage_reservations (user_id, created_at);
create index usage_reservations_held_idx on public.usage_reservations (created_at) where state = 'held';

alter table public.usage_reservations enable row level security;
create policy "Reservations: owner reads" on public.usage_reservations
  for select to authenticated using (user_id = (select auth.uid()));
-- Written only by the functions below.
revoke all on public.usage_reservations from anon, authenticated, service_role;
grant select on public.usage_reservations to authenticated, service_role;

-- Reserves p_amount of p_metric for p_user in its current period, or nothing: the same answer
-- as reserve_usage (ok, metric, used, quota, period) and the id of the reservation, which is
-- null when refused (nothing is written then).
create function private.reserve_metric(p_user uuid, p_metric text, p_amount bigint, p_subject text)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date, reservation_id uuid)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_limit public.plan_limits;
  v_period date;
  v_used bigint;
  v_id uuid;
begin
  if p_user is null then
    raise exception 'reserve_metric needs a user' using errcode = '22023';
  end if;
  if p_metric is null or p_metric not in ('templates', 'exports', 'voice_seconds') then
    raise exception 'reserve_metric: % is not reserved here (runs and tokens are reserved by open_run)', p_metric using errcode = '22023';
  end if;
  if p_amount is null or p_amount < 1 then
    raise exception 'reserve_metric: p_amount must be one or more' using errcode = '22023';
  end if;
  if p_subject is null or char_length(p_subject) not between 1 and 200 then
    raise exception 'reserve_metric: p_subject must be 1 to 200 characters' using errcode = '22023';
  end if;
  v_limit := private.plan_limit((select p.subscription_tier from public.user_profiles p where p.user_id = p_user), p_metric);
  v_period := private.period_start(v_limit.period);

  v_used := private.take_usage(p_user, p_metric, v_period, p_amount, v_limit.quota);
  if v_used is null then
    return query select false, p_metric, private.usage_count(p_user, p_metric, v_period), v_limit.quota, v_period, null::uuid;
    return;
  end if;
  insert into public.usage_reservations (user_id, metric, period_start, reserved_amount, subject)
  values (p_user, p_metric, v_period, p_amount, p_subject)
  returning id into v_id;
  return query select true, p_metric, v_used, v_limit.quota, v_period, v_id;
end;
$$;

-- Takes p_amount more for a reservation still held (a recording longer than declared), in one
-- more atomic step against the limit: the same answer as reserve_metric; when refused, nothing
-- changes and the reservation stays as it was.
create function private.extend_reservation(p_id uuid, p_amount bigint)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date, reservation_id uuid)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation public.usage_reservations;
  v_quota bigint;
  v_used bigint;
begin
  if p_amount is null or p_amount < 1 then
    raise exception 'extend_reservation: p_amount must be one or more' using errcode = '22023';
  end if;
  select * into v_reservation from public.usage_reservations r where r.id = p_id and r.state = 'held' for update;
  if not found then
    raise exception 'extend_reservation: no held reservation %', p_id using errcode = 'P0002';
  end if;
  v_quota := private.usage_limit(
    (select p.subscription_tier from public.user_profiles p where p.user_id = v_reservation.user_id), v_reservation.metric);
  v_used := private.take_usage(v_reservation.user_id, v_reservation.metric, v_reservation.period_start, p_amount, v_quota);
  if v_used is null then
    return query select false, v_reservation.metric,
      private.usage_count(v_reservation.user_id, v_reservation.metric, v_reservation.period_start),
      v_quota, v_reservation.period_start, v_reservation.id;
    return;
  end if;
  update public.usage_reservations r set reserved_amount = r.reserved_amount + p_amount where r.id = p_id;
  return query select true, v_reservation.metric, v_used, v_quota, v_reservation.period_start, v_reservation.id;
end;
$$;

-- Settles a held reservation with what was used: keeps least(p_used, reserved) counted and gives
-- the rest back to the counter it came from. It settles once: a second call (or one for a
-- reservation that does not exist) changes nothing and answers false. Release = settle with 0.
create function private.settle_reservation(p_id uuid, p_used bigint) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation public.usage_reservations;
begin
  if p_used is null or p_used < 0 then
    raise exception 'settle_reservation: p_used must be zero or more' using errcode = '22023';
  end if;
  update public.usage_reservations r
  set settled_amount = least(p_used, r.reserved_amount),
      state = case when least(p_used, r.reserved_amount) = 0 then 'released' else 'settled' end,
      settled_at = now()
  where r.id = p_id and r.state = 'held'
  returning r.* into v_reservation;
  if not found then
    return false;
  end if;
  perform private.give_back_usage(v_reservation.user_id, v_reservation.metric, v_reservation.period_start,
    v_reservation.reserved_amount - v_reservation.settled_amount);
  return true;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- 5. Maintenance

-- Every metered action settles within its function's maxDuration (90 s at most); a reservation
-- still held an hour later belongs to a killed invocation and is released. The age is fixed here,
-- not passed in, so no caller can release reservations that are still in use.
create function private.release_stale_reservations() returns setof uuid
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_id uuid;
begin
  for v_id in
    select r.id from public.usage_reservations r
    where r.state = 'held' and r.created_at < now() - interval '1 hour'
    order by r.created_at
    for update skip locked
  loop
    if private.settle_reservation(v_id, 0) then
      return next v_id;
    end if;
  end loop;
end;
$$;

revoke all on function private.reserve_metric(uuid, text, bigint, text),
  private.extend_reservation(uuid, bigint),
  private.settle_reservation(uuid, bigint),
  private.release_stale_reservations()
  from public, anon, authenticated;
-- The server's role only; never a user's session.
grant execute on function private.reserve_metric(uuid, text, bigint, text),
  private.extend_reservation(uuid, bigint),
  private.settle_reservation(uuid, bigint),
  private.release_stale_reservations()
  to service_role;
