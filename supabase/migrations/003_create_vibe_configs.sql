-- A user's vibe: exactly one current row (kind = 'current') plus any number of named presets.

create table public.vibe_configs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null default 'current' check (kind in ('current', 'preset')),
  name text,
  playfulness smallint not null default 50,
  revenue_focus smallint not null default 60,
  investor_perspective smallint not null default 40,
  selected_atoms uuid[] not null default '{}',
  custom_instructions text not null default '',
  auto_suggest boolean not null default false,
  approval_required boolean not null default true,
  logging_level text not null default 'standard' check (logging_level in ('minimal', 'standard', 'verbose')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'current') = (name is null))
);

create unique index vibe_configs_one_current on public.vibe_configs (user_id) where kind = 'current';
create unique index vibe_configs_preset_name on public.vibe_configs (user_id, lower(name)) where kind = 'preset';

create trigger vibe_configs_set_updated_at
  before update on public.vibe_configs
  for each row execute function private.set_updated_at();

create function private.handle_new_user_vibe() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into public.vibe_configs (user_id, kind) values (new.id, 'current')
  on conflict do nothing;
  return new;
end;
$$;

revoke all on function private.handle_new_user_vibe() from public;

create trigger on_auth_user_created_vibe
  after insert on auth.users
  for each row execute function private.handle_new_user_vibe();
