-- Engineering templates: the catalog lives in code; template_versions holds the published
-- mega-prompt of each catalog version (admin-written), and users keep their customisations
-- with a full history.

create table public.template_versions (
  id uuid primary key default gen_random_uuid(),
  template_id text not null check (char_length(template_id) between 1 and 100),
  version text not null check (char_length(version) between 1 and 40),
  mega_prompt text not null check (char_length(mega_prompt) <= 50000),
  variables jsonb not null default '[]'::jsonb,
  changelog text not null default '' check (char_length(changelog) <= 2000),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (template_id, version)
);

create table public.user_template_customizations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  template_id text not null check (char_length(template_id) between 1 and 100),
  variables jsonb not null default '{}'::jsonb check (jsonb_typeof(variables) = 'object'),
  custom_instructions text not null default '' check (char_length(custom_instructions) <= 5000),
  enabled boolean not null default true,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, template_id)
);

create trigger user_template_customizations_set_updated_at
  before update on public.user_template_customizations
  for each row execute function private.set_updated_at();

create table public.template_customization_history (
  id uuid primary key default gen_random_uuid(),
  customization_id uuid not null references public.user_template_customizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  version integer not null check (version >= 1),
  snapshot jsonb not null,
  change_summary text not null default '' check (char_length(change_summary) <= 500),
  created_at timestamptz not null default now(),
  unique (customization_id, version)
);

create index template_customization_history_user_id_idx on public.template_customization_history (user_id);
create index template_versions_created_by_idx on public.template_versions (created_by);

alter table public.template_versions enable row level security;
alter table public.user_template_customizations enable row level security;
alter table public.template_customization_history enable row level security;

create policy "Customizations: owner reads" on public.user_template_customizations
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Customizations: owner inserts" on public.user_template_customizations
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Customizations: owner updates" on public.user_template_customizations
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Customizations: owner deletes" on public.user_template_customizations
  for delete to authenticated using (user_id = (select auth.uid()));

-- History is append-only for users: rollback writes a new version instead of editing old ones.
create policy "History: owner reads" on public.template_customization_history
  for select to authenticated using (user_id = (select auth.uid()));
-- Only onto the caller's own customization: otherwise anyone could take another user's next
-- version numbers and block their saves.
create policy "History: owner appends" on public.template_customization_history
  for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.user_template_customizations c
      where c.id = customization_id and c.user_id = (select auth.uid())
    )
  );
