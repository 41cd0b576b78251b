-- Usage analytics, ratings, sharing and presets for templates.

create table public.template_usage_analytics (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  template_id text not null check (char_length(template_id) between 1 and 100),
  event text not null check (event in ('view', 'customize', 'render', 'test', 'export', 'import', 'generate', 'clone')),
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);

create table public.template_feedback (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  template_id text not null check (char_length(template_id) between 1 and 100),
  rating smallint not null check (rating between 1 and 5),
  comment text not null default '' check (char_length(comment) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, template_id)
);

create trigger template_feedback_set_updated_at
  before update on public.template_feedback
  for each row execute function private.set_updated_at();

create table public.shared_template_customizations (
  id uuid primary key default gen_random_uuid(),
  customization_id uuid not null references public.user_template_customizations (id) on delete cascade,
  owner_id uuid not null references auth.users (id) on delete cascade,
  visibility text not null check (visibility in ('public', 'users', 'organization')),
  shared_with_user_id uuid references auth.users (id) on delete cascade,
  shared_with_org_id uuid,
  created_at timestamptz not null default now(),
  check (
    (visibility = 'public' and shared_with_user_id is null and shared_with_org_id is null)
    or (visibility = 'users' and shared_with_user_id is not null and shared_with_org_id is null)
    or (visibility = 'organization' and shared_with_org_id is not null and shared_with_user_id is null)
  )
);

create table public.template_presets (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid references auth.users (id) on delete cascade,
  is_system boolean not null default false,
  name text not null check (char_length(name) between 1 and 100),
  description text not null default '' check (char_length(description) <= 1000),
  template_ids text[] not null default '{}' check (cardinality(template_ids) <= 100),
  variables jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- System presets have no owner; user presets always have one.
  check (is_system = (owner_id is null))
);

create trigger template_presets_set_updated_at
  before update on public.template_presets
  for each row execute function private.set_updated_at();

create index template_usage_analytics_user_id_idx on public.template_usage_analytics (user_id, created_at desc);
create index template_usage_analytics_template_idx on public.template_usage_analytics (template_id, created_at desc);
create index template_feedback_template_idx on public.template_feedback (template_id);
create index shared_template_customizations_customization_idx on public.shared_template_customizations (customization_id);
create index shared_template_customizations_owner_idx on public.shared_template_customizations (owner_id);
create index shared_template_customizations_user_idx on public.shared_template_customizations (shared_with_user_id)
  where shared_with_user_id is not null;
create index shared_template_customizations_org_idx on public.shared_template_customizations (shared_with_org_id)
  where shared_with_org_id is not null;
create index shared_template_customizations_public_idx on public.shared_template_customizations (visibility)
  where visibility = 'public';
create index template_presets_owner_idx on public.template_presets (owner_id);
create index template_presets_system_idx on public.template_presets (is_system) where is_system;

alter table public.template_usage_analytics enable row level security;
alter table public.template_feedback enable row level security;
alter table public.shared_template_customizations enable row level security;
alter table public.template_presets enable row level security;

create policy "Usage analytics: owner reads" on public.template_usage_analytics
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Usage analytics: owner records" on public.template_usage_analytics
  for insert to authenticated with check (user_id = (select auth.uid()));

create policy "Feedback: owner reads" on public.template_feedback
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Feedback: owner inserts" on public.template_feedback
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Feedback: owner updates" on public.template_feedback
  for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Feedback: owner deletes" on public.template_feedback
  for delete to authenticated using (user_id = (select auth.uid()));

create policy "Presets: system or own readable" on public.template_presets
  for select to authenticated using (is_system or owner_id = (select auth.uid()));
create policy "Presets: owner inserts" on public.template_presets
  for insert to authenticated with check (owner_id = (select auth.uid()) and not is_system);
create policy "Presets: owner updates" on public.template_presets
  for update to authenticated
  using (owner_id = (select auth.uid())) with check (owner_id = (select auth.uid()) and not is_system);
create policy "Presets: owner deletes" on public.template_presets
  for delete to authenticated using (owner_id = (select auth.uid()));

-- Sharing policies that involve organizations are added in 013, which creates them.
create policy "Shares: owner reads" on public.shared_template_customizations
  for select to authenticated using (owner_id = (select auth.uid()));
-- A user may only share a customization they own.
create policy "Shares: owner creates" on public.shared_template_customizations
  for insert to authenticated
  with check (
    owner_id = (select auth.uid())
    and exists (
      select 1 from public.user_template_customizations c
      where c.id = customization_id and c.user_id = (select auth.uid())
    )
  );
create policy "Shares: owner revokes" on public.shared_template_customizations
  for delete to authenticated using (owner_id = (select auth.uid()));
create policy "Shares: recipients read" on public.shared_template_customizations
  for select to authenticated
  using (visibility = 'public' or shared_with_user_id = (select auth.uid()));
