-- Admin health, the rest of what an operator needs at a glance: the queue's ready, active and dead
-- jobs with the oldest ready job's age, the Stripe ledger's unprocessed and failed events, the
-- daily maintenance's last run, and which migrations the database has applied.

-- ---------------------------------------------------------------------------------------------
-- 1. The daily maintenance records each run (GET /api/cron/sweep-runs), success or failure.

create table private.cron_runs (
  id bigint generated always as identity primary key,
  job text not null check (char_length(job) between 1 and 100),
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  outcome text not null check (outcome in ('succeeded', 'failed')),
  -- Counts on success, an error class on failure: never a message that could carry data or secrets.
  detail text check (char_length(detail) <= 500)
);

create index cron_runs_job_finished_idx on private.cron_runs (job, finished_at desc);

alter table private.cron_runs enable row level security;
revoke all on private.cron_runs from public, anon, authenticated, service_role;
-- The server appends; reading is through admin_last_cron_run below.
grant insert (job, started_at, outcome, detail) on private.cron_runs to service_role;
create policy "Cron runs: the server records" on private.cron_runs
  for insert to service_role with check (true);

-- ---------------------------------------------------------------------------------------------
-- 2. Read functions for administrators (each refuses anyone else).

-- Every queue's jobs: ready (created or retrying, due now), active, dead (failed, out of retries),
-- and the age in whole seconds of the oldest ready job (null when none is ready).
create function private.admin_queue_summary()
  returns table (ready integer, active integer, dead integer, oldest_ready_seconds integer)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select
      (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::int,
      (count(*) filter (where j.state = 'active'))::int,
      (count(*) filter (where j.state = 'failed'))::int,
      floor(extract(epoch from now() - min(j.created_on) filter (where j.state in ('created', 'retry') and j.start_after <= now())))::int
    from pgboss.job j;
end;
$$;

-- The Stripe ledger (migration 021): unprocessed events, and those among them whose last attempt failed.
create function private.admin_stripe_ledger()
  returns table (unprocessed integer, failed integer, oldest_unprocessed_at timestamptz)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select (count(*))::int, (count(*) filter (where e.last_error is not null))::int, min(e.received_at)
    from public.stripe_events e
    where e.processed_at is null;
end;
$$;

-- The last recorded run of a scheduled job (no row when it never ran).
create function private.admin_last_cron_run(p_job text)
  returns table (started_at timestamptz, finished_at timestamptz, outcome text, detail text)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  return query
    select r.started_at, r.finished_at, r.outcome, r.detail
    from private.cron_runs r
    where r.job = p_job
    order by r.finished_at desc, r.id desc
    limit 1;
end;
$$;

-- The migrations the database has applied (the Supabase CLI's table, which npm run migrate also writes).
create function private.admin_applied_migrations()
  returns table (version text, name text)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  perform private.require_admin();
  if to_regclass('supabase_migrations.schema_migrations') is null then
    return;
  end if;
  return query execute 'select version::text, name::text from supabase_migrations.schema_migrations order by version';
end;
$$;

revoke all on function private.admin_queue_summary() from public;
revoke all on function private.admin_stripe_ledger() from public;
revoke all on function private.admin_last_cron_run(text) from public;
revoke all on function private.admin_applied_migrations() from public;
grant execute on function private.admin_queue_summary() to authenticated;
grant execute on function private.admin_stripe_ledger() to authenticated;
grant execute on function private.admin_last_cron_run(text) to authenticated;
grant execute on function private.admin_applied_migrations() to authenticated;
