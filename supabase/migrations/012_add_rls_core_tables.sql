-- Row Level Security for the core tables. Every policy names its role and wraps auth.uid() in a
-- subselect so it is evaluated once per statement, not once per row.

-- Admin is a server-controlled fact: app_metadata can only be written with the service role,
-- unlike user_metadata, which every user can edit about themselves.
create function private.is_admin() returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select coalesce(
    (select u.raw_app_meta_data ->> 'role' = 'admin' from auth.users u where u.id = (select auth.uid())),
    false
  )
$$;

revoke all on function private.is_admin() from public;
grant execute on function private.is_admin() to authenticated, service_role;

alter table public.user_profiles enable row level security;
alter table public.prompt_atoms enable row level security;
alter table public.vibe_configs enable row level security;
alter table public.agent_runs enable row level security;
alter table public.background_events enable row level security;

-- Profiles are created by the sign-up trigger and never deleted by users directly
-- (deleting the auth user cascades).
create policy "Profiles: owner reads" on public.user_profiles
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Profiles: owner updates" on public.user_profiles
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy "Atoms: signed-in users read active atoms, admins read all" on public.prompt_atoms
  for select to authenticated using (is_active or (select private.is_admin()));
create policy "Atoms: admins insert" on public.prompt_atoms
  for insert to authenticated with check ((select private.is_admin()));
create policy "Atoms: admins update" on public.prompt_atoms
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Atoms: admins delete" on public.prompt_atoms
  for delete to authenticated using ((select private.is_admin()));

create policy "Template versions: signed-in users read" on public.template_versions
  for select to authenticated using (true);
create policy "Template versions: admins insert" on public.template_versions
  for insert to authenticated with check ((select private.is_admin()));
create policy "Template versions: admins update" on public.template_versions
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Template versions: admins delete" on public.template_versions
  for delete to authenticated using ((select private.is_admin()));

create policy "Vibe: owner reads" on public.vibe_configs
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Vibe: owner inserts" on public.vibe_configs
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Vibe: owner updates" on public.vibe_configs
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
-- The current vibe is never deleted; only presets are.
create policy "Vibe: owner deletes presets" on public.vibe_configs
  for delete to authenticated using (user_id = (select auth.uid()) and kind = 'preset');

create policy "Runs: owner reads" on public.agent_runs
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Runs: owner creates" on public.agent_runs
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Runs: owner updates" on public.agent_runs
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- Events are written only by the webhook (service role); users see their own.
create policy "Events: owner reads" on public.background_events
  for select to authenticated using (user_id = (select auth.uid()));
revoke insert, update, delete on public.background_events from anon, authenticated;

-- Usage and cost are settled by the server; a user may only record feedback on their runs.
revoke update on public.agent_runs from anon, authenticated;
grant update (feedback, feedback_detail, feedback_at, suggestion_status) on public.agent_runs to authenticated;
