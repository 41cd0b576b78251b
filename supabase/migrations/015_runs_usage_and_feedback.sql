-- Agent runs, monthly usage limits and feedback that teaches the atoms (issue 4).
--
-- Every function here is SECURITY DEFINER in `private` (not exposed by the Data API), takes the
-- user from auth.uid() and never from an argument, and each counter changes in one statement, so
-- concurrent requests can neither overshoot a limit nor lose an update.

-- Prices are quoted to 1/1000 of a dollar per million tokens, so a run's exact cost is a whole
-- number of 1e-9 dollars; six decimals rounded small runs away.
alter table public.agent_runs alter column cost_usd type numeric(18, 9);

-- A user creates runs only in their first state. What a run becomes (running, its output, tokens,
-- cost) is written by start_run and finish_run below, for runs this server executes.
create policy "Runs: users create only queued runs" on public.agent_runs
  as restrictive for insert to authenticated
  with check (
    status = 'queued' and output is null and error is null and feedback is null
    and input_tokens = 0 and cached_input_tokens = 0 and output_tokens = 0 and cost_usd = 0
    and started_at is null and completed_at is null
  );

-- Feedback goes through record_run_feedback, which also updates the atoms. A direct update could
-- clear a run's feedback and have the same run counted again.
revoke update (feedback, feedback_detail, feedback_at) on public.agent_runs from authenticated;

-- ---------------------------------------------------------------------------------------------
-- Usage limits

-- Per calendar month; null means unlimited. An unknown tier gets the free limits.
create function private.usage_limit(p_tier text, p_metric text) returns bigint
  language sql immutable
  set search_path = ''
as $$
  select case p_metric
    when 'runs' then case p_tier when 'pro' then 1000 when 'enterprise' then null else 100 end
    when 'tokens' then case p_tier when 'pro' then 1000000 when 'enterprise' then null else 100000 end
  end::bigint
$$;

-- The current period: the first day of this month in UTC.
create function private.usage_period_start() returns date
  language sql stable
  set search_path = ''
as $$
  select (date_trunc('month', now() at time zone 'UTC'))::date
$$;

-- Reserves one run and p_tokens tokens for the caller this month, or nothing. On success it
-- returns one ok row per metric with the new count; when a metric would go over its limit it
-- returns that metric alone (ok = false, its current count and limit) and leaves both counters
-- as they were. Each counter moves in one INSERT … ON CONFLICT DO UPDATE … WHERE, which locks the
-- row and checks the limit against its latest value: 50 requests for the last run admit one.
create function private.reserve_usage(p_tokens bigint)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_period date := private.usage_period_start();
  v_tier text;
  v_runs_limit bigint;
  v_tokens_limit bigint;
  v_runs bigint;
  v_tokens bigint;
begin
  if v_user is null then
    raise exception 'reserve_usage needs a signed-in user' using errcode = '42501';
  end if;
  if p_tokens is null or p_tokens < 0 then
    raise exception 'p_tokens must be zero or more' using errcode = '22023';
  end if;
  select p.subscription_tier into v_tier from public.user_profiles p where p.user_id = v_user;
  v_runs_limit := private.usage_limit(v_tier, 'runs');
  v_tokens_limit := private.usage_limit(v_tier, 'tokens');

  -- INSERT … SELECT … WHERE: a first reservation larger than the limit proposes no row at all.
  insert into public.usage_metrics as m (user_id, metric_type, period_start, count)
  select v_user, 'runs', v_period, 1
  where v_runs_limit is null or 1 <= v_runs_limit
  on conflict (user_id, metric_type, period_start) do update
    set count = m.count + 1, updated_at = now()
    where v_runs_limit is null or m.count + 1 <= v_runs_limit
  returning m.count into v_runs;
  if v_runs is null then
    return query
      select false, 'runs'::text,
        coalesce((select u.count from public.usage_metrics u
                  where u.user_id = v_user and u.metric_type = 'runs' and u.period_start = v_period), 0),
        v_runs_limit, v_period;
    return;
  end if;

  insert into public.usage_metrics as m (user_id, metric_type, period_start, count)
  select v_user, 'tokens', v_period, p_tokens
  where v_tokens_limit is null or p_tokens <= v_tokens_limit
  on conflict (user_id, metric_type, period_start) do update
    set count = m.count + excluded.count, updated_at = now()
    where v_tokens_limit is null or m.count + excluded.count <= v_tokens_limit
  returning m.count into v_tokens;
  if v_tokens is null then
    -- Give the run back. This transaction holds the row's lock since the insert above, so the
    -- decrement is exact whatever runs concurrently.
    update public.usage_metrics u set count = u.count - 1
    where u.user_id = v_user and u.metric_type = 'runs' and u.period_start = v_period;
    return query
      select false, 'tokens'::text,
        coalesce((select u.count from public.usage_metrics u
                  where u.user_id = v_user and u.metric_type = 'tokens' and u.period_start = v_period), 0),
        v_tokens_limit, v_period;
    return;
  end if;

  return query values (true, 'runs'::text, v_runs, v_runs_limit, v_period),
                      (true, 'tokens'::text, v_tokens, v_tokens_limit, v_period);
end;
$$;

-- Replaces a token reservation by the tokens really used, in the period it was made in (a run
-- that straddles midnight at the month's end settles where it reserved). Never below zero.
create function private.settle_usage(p_period date, p_reserved_tokens bigint, p_actual_tokens bigint) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
begin
  if p_period is null or p_reserved_tokens is null or p_actual_tokens is null
     or p_reserved_tokens < 0 or p_actual_tokens < 0 then
    raise exception 'settle_usage needs a period and token counts of zero or more' using errcode = '22023';
  end if;
  update public.usage_metrics m
  set count = greatest(0, m.count + p_actual_tokens - p_reserved_tokens), updated_at = now()
  where m.user_id = (select auth.uid()) and m.metric_type = 'tokens' and m.period_start = p_period
    and p_actual_tokens <> p_reserved_tokens;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Run lifecycle: queued → running → succeeded | failed | cancelled

create function private.start_run(p_run_id uuid) returns boolean
  language sql volatile
  security definer
  set search_path = ''
as $$
  with started as (
    update public.agent_runs r set status = 'running', started_at = now()
    where r.id = p_run_id and r.user_id = (select auth.uid()) and r.status = 'queued'
    returning 1
  )
  select exists (select 1 from started)
$$;

-- Settles a run and its token reservation in one transaction. Only a run that is still queued or
-- running changes, so a second call settles nothing twice; it answers whether this call did.
create function private.finish_run(
  p_run_id uuid,
  p_status text,
  p_output jsonb,
  p_error text,
  p_input_tokens integer,
  p_cached_input_tokens integer,
  p_output_tokens integer,
  p_cost_usd numeric,
  p_latency_ms integer,
  p_usage_period date,
  p_reserved_tokens bigint
) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
begin
  if p_status is null or p_status not in ('succeeded', 'failed', 'cancelled') then
    raise exception 'finish_run: % is not a final status', p_status using errcode = '22023';
  end if;
  update public.agent_runs r
  set status = p_status, output = p_output, error = p_error,
      input_tokens = p_input_tokens, cached_input_tokens = p_cached_input_tokens, output_tokens = p_output_tokens,
      cost_usd = p_cost_usd, latency_ms = p_latency_ms,
      started_at = coalesce(r.started_at, now()), completed_at = now()
  where r.id = p_run_id and r.user_id = (select auth.uid()) and r.status in ('queued', 'running');
  if not found then
    return false;
  end if;
  perform private.settle_usage(p_usage_period, p_reserved_tokens, p_input_tokens::bigint + p_output_tokens);
  return true;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Feedback

-- Records feedback on one of the caller's succeeded runs that has none yet, and teaches each atom
-- the run used: approved counts as a use and a success, rejected and revised as a use without
-- success (a revised answer needed rework, so it did not succeed as given). The running average
-- is recomputed from the counters in the same UPDATE that increments them, so it is exact and
-- concurrent feedback cannot lose an update; atoms are locked in id order first, so two runs
-- sharing atoms cannot deadlock. Errors the app maps: RN404 no such run (or not the caller's),
-- RN409 already has feedback, RN412 not a succeeded run.
create function private.record_run_feedback(p_run_id uuid, p_feedback text, p_detail text) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_success integer := case when p_feedback = 'approved' then 1 else 0 end;
  v_atoms uuid[];
  v_status text;
  v_feedback text;
begin
  if p_feedback is null or p_feedback not in ('approved', 'rejected', 'revised') then
    raise exception 'feedback must be approved, rejected or revised' using errcode = '22023';
  end if;
  if p_feedback = 'revised' and coalesce(btrim(p_detail), '') = '' then
    raise exception 'a revision needs a detail' using errcode = '22023';
  end if;

  update public.agent_runs r
  set feedback = p_feedback, feedback_detail = nullif(btrim(p_detail), ''), feedback_at = now()
  where r.id = p_run_id and r.user_id = v_user and r.status = 'succeeded' and r.feedback is null
  returning r.selected_atoms into v_atoms;

  if not found then
    select r.status, r.feedback into v_status, v_feedback
    from public.agent_runs r where r.id = p_run_id and r.user_id = v_user;
    if not found then
      raise exception 'run not found' using errcode = 'RN404';
    elsif v_feedback is not null then
      raise exception 'run already has feedback' using errcode = 'RN409';
    else
      raise exception 'run is %, not succeeded', v_status using errcode = 'RN412';
    end if;
  end if;

  perform 1 from public.prompt_atoms a where a.id = any(v_atoms) order by a.id for update;
  update public.prompt_atoms a
  set usage_count = a.usage_count + 1,
      success_count = a.success_count + v_success,
      success_rate = (a.success_count + v_success)::numeric / (a.usage_count + 1)
  where a.id = any(v_atoms);
end;
$$;

revoke all on function private.usage_limit(text, text) from public;
revoke all on function private.usage_period_start() from public;
revoke all on function private.reserve_usage(bigint) from public;
revoke all on function private.settle_usage(date, bigint, bigint) from public;
revoke all on function private.start_run(uuid) from public;
revoke all on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer, date, bigint) from public;
revoke all on function private.record_run_feedback(uuid, text, text) from public;

grant execute on function private.usage_limit(text, text) to authenticated;
grant execute on function private.usage_period_start() to authenticated;
grant execute on function private.reserve_usage(bigint) to authenticated;
grant execute on function private.settle_usage(date, bigint, bigint) to authenticated;
grant execute on function private.start_run(uuid) to authenticated;
grant execute on function private.finish_run(uuid, text, jsonb, text, integer, integer, integer, numeric, integer, date, bigint) to authenticated;
grant execute on function private.record_run_feedback(uuid, text, text) to authenticated;
