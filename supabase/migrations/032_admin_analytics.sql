-- Admin analytics and the audit of who is an administrator (issue 12).
--
-- Runs, profiles, events and the Stripe ledger are private to their owners (or to the server), so
-- every product-wide figure is read through a SECURITY DEFINER function here that refuses anyone
-- who is not an administrator (42501) before it reads anything. Admin itself stays in
-- auth.users.raw_app_meta_data, which only the server writes; changing it goes through
-- private.apply_admin_change, which writes the audit row in the same transaction.

-- ---------------------------------------------------------------------------------------------
-- 1. The audit log

-- No foreign keys to auth.users: the record of who granted what outlives both accounts, and the
-- emails are kept as they were at the time.
create table public.admin_audit_log (
  id uuid primary key default gen_random_uuid(),
  -- The administrator who acted, or null when the operator's script did.
  actor_id uuid,
  actor text not null check (actor in ('admin', 'script')),
  actor_email text check (char_length(actor_email) <= 320),
  action text not null check (action in ('admin.grant', 'admin.revoke')),
  target_id uuid not null,
  target_email text check (char_length(target_email) <= 320),
  detail jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  check ((actor = 'admin') = (actor_id is not null))
);

create index admin_audit_log_created_idx on public.admin_audit_log (created_at desc, id);

alter table public.admin_audit_log enable row level security;
revoke all on public.admin_audit_log from anon, authenticated, service_role;
-- Read by administrators; written only by private.apply_admin_change.
grant select (id, actor_id, actor, actor_email, action, target_id, target_email, detail, created_at) on public.admin_audit_log to authenticated;
grant select on public.admin_audit_log to service_role;
create policy "Admin audit log: administrators read" on public.admin_audit_log
  for select to authenticated using ((select private.is_admin()));
create policy "Admin audit log: the server reads" on public.admin_audit_log
  for select to service_role using (true);

-- The first statement of every function below that only administrators may call: anyone else
-- (a member, anon, a user claiming admin in metadata they can edit) is refused before anything is read.
create function private.require_admin() returns void
  language plpgsql stable
  set search_path = ''
as $$
begin
  if not private.is_admin() then
    raise exception 'administrator only' using errcode = '42501';
  end if;
end;
$$;
revoke all on function private.require_admin() from public;

-- ---------------------------------------------------------------------------------------------
-- 2. Granting and revoking

-- Sets or clears admin on p_target and logs it, or does nothing when it is already so (and
-- returns false). An administrator (p_actor_id set) cannot remove the last administrator, which
-- can only be themselves; the operator's script can, as the way back in is the script itself.
-- Changes are serialised by one transaction-level advisory lock, so two administrators revoking
-- each other (or themselves) at once cannot both pass the count and leave nobody.
-- Errors the app maps: AD404 no such user, AD409 the last administrator.
create function private.apply_admin_change(p_target uuid, p_grant boolean, p_actor_id uuid) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_target_email text;
  v_was_admin boolean;
  v_admins integer;
begin
  if p_target is null or p_grant is null then
    raise exception 'apply_admin_change needs a target and a decision' using errcode = '22023';
  end if;
  perform pg_advisory_xact_lock(7321032);
  select u.email, coalesce(u.raw_app_meta_data ->> 'role' = 'admin', false) into v_target_email, v_was_admin
  from auth.users u where u.id = p_target
  for update;
  if not found then
    raise exception 'no such user' using errcode = 'AD404';
  end if;
  if v_was_admin = p_grant then
    return false;
  end if;
  if not p_grant and p_actor_id is not null then
    select count(*)::int into v_admins from auth.users u where u.raw_app_meta_data ->> 'role' = 'admin';
    if v_admins <= 1 then
      raise exception 'the last administrator cannot be revoked' using errcode = 'AD409';
    end if;
  end if;
  update auth.users u
  set raw_app_meta_data = case when p_grant then coalesce(u.raw_app_meta_data, '{}'::jsonb) || '{"role":"admin"}'::jsonb
                               else u.raw_app_meta_data - 'role' end,
      updated_at = now()
  where u.id = p_target;
  insert into public.admin_audit_log (actor_id, actor, actor_email, action, target_id, target_email)
  values (
    p_actor_id,
    case when p_actor_id is null then 'script' else 'admin' end,
    (select u.email from auth.users u where u.id = p_actor_id),
    case when p_grant then 'admin.grant' else 'admin.revoke' end,
    p_target,
    v_target_email
  );
  return true;
end;
$$;
-- The database owner (npm run admin:grant) calls it directly; users go through set_admin.
revoke all on function private.apply_admin_change(uuid, boolean, uuid) from public;

create function private.set_admin(p_target uuid, p_grant boolean) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return private.apply_admin_change(p_target, p_grant, (select auth.uid()));
end;
$$;
revoke all on function private.set_admin(uuid, boolean) from public;
grant execute on function private.set_admin(uuid, boolean) to authenticated;

-- ---------------------------------------------------------------------------------------------
-- 3. Reads

-- Users, searched by email or display name (the search is text, never a pattern: % and _ match
-- themselves), most recently active first. Last active is the later of the last sign-in and the
-- last run. total is the number of matches before paging.
create function private.admin_users(p_search text, p_limit integer, p_offset integer)
  returns table (
    user_id uuid, email text, display_name text, tier text, is_admin boolean,
    runs integer, last_active_at timestamptz, created_at timestamptz, total integer
  )
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  v_pattern text := '%' || replace(replace(replace(coalesce(btrim(p_search), ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  perform private.require_admin();
  if p_limit is null or p_limit < 1 or p_limit > 100 or p_offset is null or p_offset < 0 then
    raise exception 'p_limit must be 1 to 100 and p_offset zero or more' using errcode = '22023';
  end if;
  return query
    with run_counts as (
      select r.user_id, count(*)::int as runs, max(r.created_at) as last_run_at
      from public.agent_runs r group by r.user_id
    ), matched as (
      select u.id, u.email::text as email, p.display_name, coalesce(p.subscription_tier, 'free') as tier,
        coalesce(u.raw_app_meta_data ->> 'role' = 'admin', false) as is_admin,
        coalesce(c.runs, 0) as runs,
        greatest(u.last_sign_in_at, c.last_run_at) as last_active_at,
        u.created_at
      from auth.users u
      left join public.user_profiles p on p.user_id = u.id
      left join run_counts c on c.user_id = u.id
      where u.email ilike v_pattern or coalesce(p.display_name, '') ilike v_pattern
    )
    select m.id, m.email, m.display_name, m.tier, m.is_admin, m.runs, m.last_active_at, m.created_at,
      (count(*) over ())::int
    from matched m
    order by m.last_active_at desc nulls last, m.email, m.id
    limit p_limit offset p_offset;
end;
$$;

-- One row per UTC day of the last p_days days (today included), oldest first, days without runs
-- as zeros: runs started that day, the verdicts they have (rated, approved), tokens and cost.
create function private.admin_daily_runs(p_days integer)
  returns table (day date, runs integer, rated integer, approved integer, tokens bigint, cost_usd numeric)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
begin
  perform private.require_admin();
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'p_days must be 1 to 366' using errcode = '22023';
  end if;
  return query
    with per_day as (
      select (r.created_at at time zone 'UTC')::date as day, count(*)::int as runs,
        (count(*) filter (where r.feedback is not null))::int as rated,
        (count(*) filter (where r.feedback = 'approved'))::int as approved,
        sum(r.input_tokens::bigint + r.output_tokens)::bigint as tokens,
        sum(r.cost_usd) as cost_usd
      from public.agent_runs r
      where r.created_at >= ((v_today - (p_days - 1))::timestamp at time zone 'UTC')
        and r.created_at < ((v_today + 1)::timestamp at time zone 'UTC')
      group by 1
    )
    select d.day::date, coalesce(p.runs, 0), coalesce(p.rated, 0), coalesce(p.approved, 0),
      coalesce(p.tokens, 0)::bigint, coalesce(p.cost_usd, 0)::numeric
    from generate_series(v_today - (p_days - 1), v_today, interval '1 day') as d(day)
    left join per_day p on p.day = d.day::date
    order by 1;
end;
$$;

-- Runs, tokens and cost per model over the same days, the most used first.
create function private.admin_model_usage(p_days integer)
  returns table (model text, runs integer, tokens bigint, cost_usd numeric)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
begin
  perform private.require_admin();
  if p_days is null or p_days < 1 or p_days > 366 then
    raise exception 'p_days must be 1 to 366' using errcode = '22023';
  end if;
  return query
    select r.model, count(*)::int, sum(r.input_tokens::bigint + r.output_tokens)::bigint, sum(r.cost_usd)
    from public.agent_runs r
    where r.created_at >= ((v_today - (p_days - 1))::timestamp at time zone 'UTC')
    group by r.model
    order by 2 desc, 1;
end;
$$;

-- Every atom in use (active, or used at least once): its counters as feedback keeps them, and the
-- verdicts on runs that selected it in the last 7 days and in the 7 before, for the trend.
create function private.admin_atom_stats()
  returns table (
    atom_id uuid, name text, category text, version integer, is_active boolean,
    usage_count integer, success_count integer,
    recent_rated integer, recent_approved integer, prior_rated integer, prior_approved integer
  )
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    with verdicts as (
      select unnest(r.selected_atoms) as atom_id, r.feedback, r.feedback_at >= now() - interval '7 days' as recent
      from public.agent_runs r
      where r.feedback is not null and r.feedback_at >= now() - interval '14 days'
    ), windows as (
      select v.atom_id,
        (count(*) filter (where v.recent))::int as recent_rated,
        (count(*) filter (where v.recent and v.feedback = 'approved'))::int as recent_approved,
        (count(*) filter (where not v.recent))::int as prior_rated,
        (count(*) filter (where not v.recent and v.feedback = 'approved'))::int as prior_approved
      from verdicts v group by v.atom_id
    )
    select a.id, a.name, a.category, a.version, a.is_active, a.usage_count, a.success_count,
      coalesce(w.recent_rated, 0), coalesce(w.recent_approved, 0), coalesce(w.prior_rated, 0), coalesce(w.prior_approved, 0)
    from public.prompt_atoms a
    left join windows w on w.atom_id = a.id
    where a.is_active or a.usage_count > 0 or w.atom_id is not null
    order by a.usage_count desc, a.name, a.version desc;
end;
$$;

-- Repository event deliveries per state, every state listed.
create function private.admin_event_states()
  returns table (status text, events integer, last_at timestamptz)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select s.status, coalesce(count(e.id), 0)::int, max(e.created_at)
    from (values (1, 'received'), (2, 'processed'), (3, 'skipped'), (4, 'failed'), (5, 'dead')) as s(ord, status)
    left join public.background_events e on e.status = s.status
    group by s.ord, s.status
    order by s.ord;
end;
$$;

-- The queue's jobs per state (pg-boss, migration 023), every state listed.
create function private.admin_queue_states()
  returns table (state text, jobs integer)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select s.state::text, coalesce(count(j.id), 0)::int
    from unnest(enum_range(null::pgboss.job_state)) with ordinality as s(state, ord)
    left join pgboss.job j on j.state = s.state and j.name = 'code-repo-events'
    group by s.ord, s.state
    order by s.ord;
end;
$$;

-- Dead events (their job ran out of attempts), newest first: what an administrator may retry.
create function private.admin_dead_events(p_limit integer)
  returns table (
    event_id uuid, user_id uuid, email text, repository text, event_type text,
    reason text, attempts integer, created_at timestamptz, processed_at timestamptz
  )
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'p_limit must be 1 to 100' using errcode = '22023';
  end if;
  return query
    select e.id, e.user_id, u.email::text, e.repository, e.event_type, e.reason, e.attempts, e.created_at, e.processed_at
    from public.background_events e
    left join auth.users u on u.id = e.user_id
    where e.status = 'dead'
    order by e.created_at desc, e.id
    limit p_limit;
end;
$$;

-- The owner of a dead event, for an administrator's Retry (the server then requeues it as the
-- events page does for its owner); null when there is no dead event with this id.
create function private.admin_dead_event_owner(p_event_id uuid) returns uuid
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return (select e.user_id from public.background_events e where e.id = p_event_id and e.status = 'dead');
end;
$$;

-- The Stripe webhook ledger (migration 021) per state: processed; failing (an attempt failed and
-- none has succeeded since); pending (received, not processed, no failure recorded).
create function private.admin_stripe_event_states()
  returns table (state text, events integer, last_received_at timestamptz)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select s.state, coalesce(count(e.id), 0)::int, max(e.received_at)
    from (values (1, 'processed'), (2, 'failing'), (3, 'pending')) as s(ord, state)
    left join public.stripe_events e on s.state = case
      when e.processed_at is not null then 'processed'
      when e.last_error is not null then 'failing'
      else 'pending' end
    group by s.ord, s.state
    order by s.ord;
end;
$$;

revoke all on function private.admin_users(text, integer, integer) from public;
revoke all on function private.admin_daily_runs(integer) from public;
revoke all on function private.admin_model_usage(integer) from public;
revoke all on function private.admin_atom_stats() from public;
revoke all on function private.admin_event_states() from public;
revoke all on function private.admin_queue_states() from public;
revoke all on function private.admin_dead_events(integer) from public;
revoke all on function private.admin_dead_event_owner(uuid) from public;
revoke all on function private.admin_stripe_event_states() from public;
grant execute on function private.admin_users(text, integer, integer) to authenticated;
grant execute on function private.admin_daily_runs(integer) to authenticated;
grant execute on function private.admin_model_usage(integer) to authenticated;
grant execute on function private.admin_atom_stats() to authenticated;
grant execute on function private.admin_event_states() to authenticated;
grant execute on function private.admin_queue_states() to authenticated;
grant execute on function private.admin_dead_events(integer) to authenticated;
grant execute on function private.admin_dead_event_owner(uuid) to authenticated;
grant execute on function private.admin_stripe_event_states() to authenticated;
