-- Every column a policy filters on is indexed, plus the lists the app reads most.
-- (The earlier version used now() in a partial index predicate, which PostgreSQL rejects because
-- index predicates must be immutable; the queue index below filters on status only.)

create index agent_runs_user_created_idx on public.agent_runs (user_id, created_at desc);
create index agent_runs_org_id_idx on public.agent_runs (org_id) where org_id is not null;
create index agent_runs_background_event_id_idx on public.agent_runs (background_event_id) where background_event_id is not null;
create index agent_runs_user_status_idx on public.agent_runs (user_id, status);

create index background_events_user_id_idx on public.background_events (user_id);
create index background_events_org_id_idx on public.background_events (org_id) where org_id is not null;
create index background_events_due_idx on public.background_events (next_attempt_at)
  where status in ('pending', 'failed');

create index vibe_configs_user_id_idx on public.vibe_configs (user_id);

create index prompt_atoms_category_idx on public.prompt_atoms (category) where is_active;
create index prompt_atoms_created_by_idx on public.prompt_atoms (created_by);

create index user_profiles_org_id_idx on public.user_profiles (org_id) where org_id is not null;
