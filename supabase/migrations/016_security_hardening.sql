-- Security hardening after the review of issue 7.
--
-- 1. Least-privilege table grants: TRUNCATE ignores RLS, and TRIGGER and REFERENCES are never
--    needed by a user; anon has no policy anywhere, so it needs no table at all.
-- 2. Runs and their usage are written only by the server: a user's session can no longer insert
--    runs nor call the functions that start, settle and meter them. Settling uses the reservation
--    the run recorded when it opened, never a figure the caller passes.
-- 3. A vibe's kind cannot change, and every user has a current vibe again.
-- 4. Organization members are added only by the server (the owner's own row today; accepted
--    invitations later), and a member row cannot be moved to another user or organization.
-- 5. One permissive policy per table, role and action (Supabase's linter: several permissive
--    policies are each evaluated for every row).

-- ---------------------------------------------------------------------------------------------
-- 1. Grants

revoke truncate, trigger, references on all tables in schema public from anon, authenticated;
revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
-- Tables and sequences created later by the role that runs migrations start the same way.
alter default privileges in schema public revoke truncate, trigger, references on tables from anon, authenticated;
alter default privileges in schema public revoke all on tables from anon;
alter default privileges in schema public revoke all on sequences from anon;

-- ---------------------------------------------------------------------------------------------
-- 2. Runs and usage

-- What the run reserved against the monthly token limit, and in which period; settle from here.
alter table public.agent_runs
  add column reserved_tokens bigint not null default 0 check (reserved_tokens >= 0),
  add column usage_period date;

drop policy "Runs: owner creates" on public.agent_runs;
drop policy "Runs: users create only queued runs" on public.agent_runs;
drop policy "Runs: only into an org the owner belongs to" on public.agent_runs;
revoke insert on public.agent_runs from authenticated;

drop function private.settle_usage(date, bigint, bigint);
drop function private.start_run(uuid);
drop function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer, date, bigint);
drop function private.reserve_usage(bigint);

-- Reserves one run and p_tokens tokens of p_user's allowance this month, or nothing. On success
-- it returns one ok row per metric with the new count; when a metric would go over its limit it
-- returns that metric alone (ok = false, its current count and limit) and leaves both counters
-- as they were. Each counter moves in one INSERT … ON CONFLICT DO UPDATE … WHERE, which locks the
-- row and checks the limit against its latest value: 50 requests for the last run admit one.
create function private.reserve_usage(p_user uuid, p_tokens bigint)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_period date := private.usage_period_start();
  v_tier text;
  v_runs_limit bigint;
  v_tokens_limit bigint;
  v_runs bigint;
  v_tokens bigint;
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

  -- INSERT … SELECT … WHERE: a first reservation larger than the limit proposes no row at all.
  insert into public.usage_metrics as m (user_id, metric_type, period_start, count)
  select p_user, 'runs', v_period, 1
  where v_runs_limit is null or 1 <= v_runs_limit
  on conflict (user_id, metric_type, period_start) do update
    set count = m.count + 1, updated_at = now()
    where v_runs_limit is null or m.count + 1 <= v_runs_limit
  returning m.count into v_runs;
  if v_runs is null then
    return query
      select false, 'runs'::text,
        coalesce((select u.count from public.usage_metrics u
                  where u.user_id = p_user and u.metric_type = 'runs' and u.period_start = v_period), 0),
        v_runs_limit, v_period;
    return;
  end if;

  insert into public.usage_metrics as m (user_id, metric_type, period_start, count)
  select p_user, 'tokens', v_period, p_tokens
  where v_tokens_limit is null or p_tokens <= v_tokens_limit
  on conflict (user_id, metric_type, period_start) do update
    set count = m.count + excluded.count, updated_at = now()
    where v_tokens_limit is null or m.count + excluded.count <= v_tokens_limit
  returning m.count into v_tokens;
  if v_tokens is null then
    -- Give the run back. This transaction holds the row's lock since the insert above, so the
    -- decrement is exact whatever runs concurrently.
    update public.usage_metrics u set count = u.count - 1
    where u.user_id = p_user and u.metric_type = 'runs' and u.period_start = v_period;
    return query
      select false, 'tokens'::text,
        coalesce((select u.count from public.usage_metrics u
                  where u.user_id = p_user and u.metric_type = 'tokens' and u.period_start = v_period), 0),
        v_tokens_limit, v_period;
    return;
  end if;

  return query values (true, 'runs'::text, v_runs, v_runs_limit, v_period),
                      (true, 'tokens'::text, v_tokens, v_tokens_limit, v_period);
end;
$$;

-- Opens a run: reserves its usage and stores it as running, or, when a limit refuses, stores
-- nothing and returns the refusal (the same rows as reserve_usage). The reservation is recorded
-- on the run, so settling it later needs no figure from the caller.
create function private.open_run(
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
  p_reserved_tokens bigint
) returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation record;
  v_refused boolean := false;
  v_period date;
begin
  for v_reservation in select * from private.reserve_usage(p_user, p_reserved_tokens) loop
    ok := v_reservation.ok;
    metric := v_reservation.metric;
    used := v_reservation.used;
    quota := v_reservation.quota;
    period := v_reservation.period;
    v_refused := v_refused or not v_reservation.ok;
    v_period := v_reservation.period;
    return next;
  end loop;
  if not v_refused then
    insert into public.agent_runs (
      id, user_id, trigger, task, system_prompt, user_prompt, selected_atoms, blend_recipe, vibe_snapshot,
      provider, model, output_type, price, status, started_at, reserved_tokens, usage_period
    ) values (
      p_run_id, p_user, p_trigger, p_task, p_system_prompt, p_user_prompt, p_selected_atoms, p_blend_recipe, p_vibe_snapshot,
      p_provider, p_model, p_output_type, p_price, 'running', now(), p_reserved_tokens, v_period
    );
  end if;
end;
$$;

-- Settles a run and its token reservation in one transaction: the reservation is replaced by the
-- tokens used, in the period it was made in (a run that straddles the month's end settles where
-- it reserved), never below zero. Only a run that is still queued or running changes, so a second
-- call settles nothing twice; it answers whether this call did.
create function private.finish_run(
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
  if v_run.usage_period is not null and v_run.reserved_tokens <> p_input_tokens::bigint + p_output_tokens then
    update public.usage_metrics m
    set count = greatest(0, m.count + p_input_tokens::bigint + p_output_tokens - v_run.reserved_tokens), updated_at = now()
    where m.user_id = v_run.user_id and m.metric_type = 'tokens' and m.period_start = v_run.usage_period;
  end if;
  return true;
end;
$$;

revoke all on function private.reserve_usage(uuid, bigint) from public;
revoke all on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint) from public;
revoke all on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer) from public;
-- The server's role only; never authenticated (a user's session) nor anon.
grant execute on function private.reserve_usage(uuid, bigint) to service_role;
grant execute on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint) to service_role;
grant execute on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer) to service_role;
-- The limits table and the period are facts a user may read about themselves (GET /api/usage).
grant execute on function private.usage_limit(text, text), private.usage_period_start() to service_role;

-- ---------------------------------------------------------------------------------------------
-- 3. Vibes

-- kind, user_id and timestamps are not the user's to change: a current vibe turned into a preset
-- could be deleted, and every run and /vibe would fail for good.
revoke update on public.vibe_configs from authenticated;
grant update (name, playfulness, revenue_focus, investor_perspective, selected_atoms, custom_instructions,
  auto_suggest, approval_required, logging_level) on public.vibe_configs to authenticated;

-- Accounts that lost their current vibe before this migration get it back.
insert into public.vibe_configs (user_id, kind)
select u.id, 'current' from auth.users u
where not exists (select 1 from public.vibe_configs v where v.user_id = u.id and v.kind = 'current');

-- ---------------------------------------------------------------------------------------------
-- 4. Organization members

drop policy "Members: admins add non-owners" on public.organization_members;
revoke insert on public.organization_members from authenticated;
-- An admin may change a member's role; the row stays the same person in the same organization.
revoke update on public.organization_members from authenticated;
grant update (role) on public.organization_members to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 5. One permissive policy per table, role and action

drop policy "Runs: owner reads" on public.agent_runs;
drop policy "Runs: org members read" on public.agent_runs;
create policy "Runs: owner and org members read" on public.agent_runs
  for select to authenticated
  using (user_id = (select auth.uid()) or (org_id is not null and private.is_org_member(org_id)));

drop policy "Events: owner reads" on public.background_events;
drop policy "Events: org members read" on public.background_events;
create policy "Events: owner and org members read" on public.background_events
  for select to authenticated
  using (user_id = (select auth.uid()) or (org_id is not null and private.is_org_member(org_id)));

drop policy "Customizations: owner reads" on public.user_template_customizations;
drop policy "Customizations: shared with the reader" on public.user_template_customizations;
create policy "Customizations: owner and those it is shared with read" on public.user_template_customizations
  for select to authenticated
  using (user_id = (select auth.uid()) or private.can_read_shared_customization(id));

drop policy "Shares: owner reads" on public.shared_template_customizations;
drop policy "Shares: recipients read" on public.shared_template_customizations;
drop policy "Shares: org members read" on public.shared_template_customizations;
create policy "Shares: owner and recipients read" on public.shared_template_customizations
  for select to authenticated
  using (
    owner_id = (select auth.uid())
    or visibility = 'public'
    or shared_with_user_id = (select auth.uid())
    or (visibility = 'organization' and private.is_org_member(shared_with_org_id))
  );
