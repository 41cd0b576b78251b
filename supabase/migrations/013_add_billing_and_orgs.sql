-- Organizations, membership, invitations and usage metering.
--
-- Membership checks go through SECURITY DEFINER helpers in the private schema. They read
-- organization_members as the table owner, so a policy on organization_members that asks
-- "is the caller a member of this org?" does not re-enter its own policy (the earlier version
-- queried the table from its own policy and recursed).

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 100),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$'),
  owner_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create trigger organizations_set_updated_at
  before update on public.organizations
  for each row execute function private.set_updated_at();

create table public.organization_members (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (org_id, user_id)
);

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (char_length(email) between 3 and 320),
  role text not null default 'member' check (role in ('admin', 'member')),
  -- Only a hash of the token is stored; the token itself is sent once, in the invitation link.
  token_hash text not null unique,
  invited_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);

create table public.usage_metrics (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  metric_type text not null check (metric_type in ('runs', 'tokens', 'templates', 'exports')),
  period_start date not null,
  count bigint not null default 0 check (count >= 0),
  updated_at timestamptz not null default now(),
  unique (user_id, metric_type, period_start)
);

create index organizations_owner_id_idx on public.organizations (owner_id);
create index organization_members_user_id_idx on public.organization_members (user_id);
create index invitations_org_id_idx on public.invitations (org_id);
create index invitations_email_idx on public.invitations (lower(email));
create index invitations_invited_by_idx on public.invitations (invited_by);

alter table public.user_profiles
  add constraint user_profiles_org_id_fkey
  foreign key (org_id) references public.organizations (id) on delete set null;
alter table public.agent_runs
  add constraint agent_runs_org_id_fkey
  foreign key (org_id) references public.organizations (id) on delete set null;
alter table public.background_events
  add constraint background_events_org_id_fkey
  foreign key (org_id) references public.organizations (id) on delete cascade;
alter table public.shared_template_customizations
  add constraint shared_template_customizations_shared_with_org_id_fkey
  foreign key (shared_with_org_id) references public.organizations (id) on delete cascade;

create function private.org_role(target_org uuid) returns text
  language sql stable
  security definer
  set search_path = ''
as $$
  select m.role from public.organization_members m
  where m.org_id = target_org and m.user_id = (select auth.uid())
$$;

create function private.is_org_member(target_org uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.organization_members m
    where m.org_id = target_org and m.user_id = (select auth.uid())
  )
$$;

create function private.is_org_admin(target_org uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select coalesce(private.org_role(target_org) in ('owner', 'admin'), false)
$$;

-- Whether the caller may read a template customization someone shared.
create function private.can_read_shared_customization(target_customization uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.shared_template_customizations s
    where s.customization_id = target_customization
      and (
        s.visibility = 'public'
        or s.shared_with_user_id = (select auth.uid())
        or (s.visibility = 'organization' and exists (
          select 1 from public.organization_members m
          where m.org_id = s.shared_with_org_id and m.user_id = (select auth.uid())
        ))
      )
  )
$$;

-- The creator of an organization becomes its owner member in the same transaction.
create function private.handle_new_organization() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into public.organization_members (org_id, user_id, role) values (new.id, new.owner_id, 'owner');
  return new;
end;
$$;

create trigger on_organization_created
  after insert on public.organizations
  for each row execute function private.handle_new_organization();

revoke all on function private.org_role(uuid), private.is_org_member(uuid), private.is_org_admin(uuid),
  private.can_read_shared_customization(uuid), private.handle_new_organization() from public;
grant execute on function private.org_role(uuid), private.is_org_member(uuid), private.is_org_admin(uuid),
  private.can_read_shared_customization(uuid) to authenticated, service_role;

alter table public.organizations enable row level security;
alter table public.organization_members enable row level security;
alter table public.invitations enable row level security;
alter table public.usage_metrics enable row level security;

-- The owner clause lets `insert … returning` work: RETURNING is checked before the trigger below
-- has added the creator as a member.
create policy "Organizations: members read" on public.organizations
  for select to authenticated using (owner_id = (select auth.uid()) or private.is_org_member(id));
create policy "Organizations: users create their own" on public.organizations
  for insert to authenticated with check (owner_id = (select auth.uid()));
create policy "Organizations: admins update" on public.organizations
  for update to authenticated
  using (private.is_org_admin(id)) with check (private.is_org_admin(id));
create policy "Organizations: owner deletes" on public.organizations
  for delete to authenticated using (owner_id = (select auth.uid()));
-- Admins may rename; ownership is not theirs to take (owner_id is not user-updatable).
revoke update on public.organizations from anon, authenticated;
grant update (name, slug) on public.organizations to authenticated;

create policy "Members: members read their org" on public.organization_members
  for select to authenticated using (private.is_org_member(org_id));
create policy "Members: admins add non-owners" on public.organization_members
  for insert to authenticated
  with check (private.is_org_admin(org_id) and role <> 'owner');
create policy "Members: admins change non-owners" on public.organization_members
  for update to authenticated
  using (private.is_org_admin(org_id) and role <> 'owner')
  with check (private.is_org_admin(org_id) and role <> 'owner');
create policy "Members: admins remove non-owners, anyone leaves" on public.organization_members
  for delete to authenticated
  using (role <> 'owner' and (private.is_org_admin(org_id) or user_id = (select auth.uid())));

create policy "Invitations: org admins manage" on public.invitations
  for select to authenticated using (private.is_org_admin(org_id));
create policy "Invitations: org admins create" on public.invitations
  for insert to authenticated
  with check (private.is_org_admin(org_id) and invited_by = (select auth.uid()));
create policy "Invitations: org admins revoke" on public.invitations
  for delete to authenticated using (private.is_org_admin(org_id));

-- Counters are written only by the server, atomically; users may read their own.
create policy "Usage: owner reads" on public.usage_metrics
  for select to authenticated using (user_id = (select auth.uid()));
revoke insert, update, delete on public.usage_metrics from anon, authenticated;

-- Organization-aware reads on tables created earlier.
create policy "Events: org members read" on public.background_events
  for select to authenticated using (org_id is not null and private.is_org_member(org_id));
create policy "Runs: org members read" on public.agent_runs
  for select to authenticated using (org_id is not null and private.is_org_member(org_id));
create policy "Customizations: shared with the reader" on public.user_template_customizations
  for select to authenticated using (private.can_read_shared_customization(id));
create policy "Shares: org members read" on public.shared_template_customizations
  for select to authenticated
  using (visibility = 'organization' and private.is_org_member(shared_with_org_id));
create policy "Shares: only to an org the owner belongs to" on public.shared_template_customizations
  as restrictive for insert to authenticated
  with check (shared_with_org_id is null or private.is_org_member(shared_with_org_id));
-- Users create their own manual runs only: org runs need membership, and suggestion runs (tied
-- to a background event) are created by the server.
create policy "Runs: only into an org the owner belongs to" on public.agent_runs
  as restrictive for insert to authenticated
  with check ((org_id is null or private.is_org_member(org_id)) and background_event_id is null);
