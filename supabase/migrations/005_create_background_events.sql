-- Repository events waiting to become suggestions. This table is also the queue: rows are claimed,
-- retried with backoff and end processed or dead, so no event is lost.

create table public.background_events (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete cascade,
  org_id uuid,
  source text not null default 'code_repo',
  event_type text not null,
  delivery_id text not null,
  repository text,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'processing', 'processed', 'failed', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  -- GitHub redelivers with the same delivery id; the unique key makes ingestion idempotent.
  unique (source, delivery_id),
  check (user_id is not null or org_id is not null)
);

alter table public.agent_runs
  add constraint agent_runs_background_event_id_fkey
  foreign key (background_event_id) references public.background_events (id) on delete set null;
