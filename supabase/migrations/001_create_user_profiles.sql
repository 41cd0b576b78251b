-- Who the user is. One row per auth user, created by a trigger at sign-up so every signed-in
-- user always has a profile. org_id gets its foreign key to organizations in 013, which creates
-- that table.

create schema if not exists private;
-- Helpers used by policies live here: callable by signed-in users, never exposed through the API.
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create table public.user_profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text,
  role text check (role in ('founder', 'pm', 'staff_engineer', 'devops', 'cfo', 'investor')),
  vertical text check (vertical in ('software', 'agency', 'internal_tools', 'content', 'other')),
  stack jsonb not null default '{}'::jsonb,
  tone text,
  risk_tolerance text check (risk_tolerance in ('low', 'medium', 'high')),
  kpi_focus text[] not null default '{}',
  brand_voice text,
  company_context text,
  preferred_models text[] not null default '{}',
  timezone text not null default 'UTC',
  onboarding_step text not null default 'role',
  onboarding_completed_at timestamptz,
  org_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create function private.set_updated_at() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger user_profiles_set_updated_at
  before update on public.user_profiles
  for each row execute function private.set_updated_at();

-- Runs as the table owner because a new auth user has no session yet.
create function private.handle_new_user() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into public.user_profiles (user_id, display_name)
  values (new.id, nullif(left(coalesce(new.raw_user_meta_data ->> 'display_name', ''), 100), ''))
  on conflict (user_id) do nothing;
  return new;
end;
$$;

revoke all on function private.handle_new_user() from public;

create trigger on_auth_user_created_profile
  after insert on auth.users
  for each row execute function private.handle_new_user();
