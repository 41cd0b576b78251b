-- Organizations (issue 12): the role rules in the database, invitations that are accepted, revoked
-- and resent, the active workspace, and what an organization shares with its members.
--
-- Roles: members read; owners and admins invite and remove non-owners; only owners change roles,
-- delete the organization and transfer ownership. An organization always keeps an owner: a
-- trigger refuses the change that would remove or demote its last one, whoever makes it.

-- ---------------------------------------------------------------------------------------------
-- 1. Members

drop policy "Members: admins change non-owners" on public.organization_members;
create policy "Members: owners change roles" on public.organization_members
  for update to authenticated
  using (private.org_role(org_id) = 'owner')
  with check (private.org_role(org_id) = 'owner');

drop policy "Members: admins remove non-owners, anyone leaves" on public.organization_members;
create policy "Members: owners remove anyone, admins non-owners, anyone leaves" on public.organization_members
  for delete to authenticated
  using (
    user_id = (select auth.uid())
    or private.org_role(org_id) = 'owner'
    or (role <> 'owner' and private.is_org_admin(org_id))
  );

-- The last owner can neither leave, be removed nor be demoted. When the organization itself goes
-- (a delete, or its owner's account deleted) its rows go with it and nothing is checked.
create function private.guard_last_owner() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if old.role <> 'owner' or (tg_op = 'UPDATE' and new.role = 'owner') then
    return coalesce(new, old);
  end if;
  if not exists (select 1 from public.organizations o where o.id = old.org_id)
     or not exists (select 1 from auth.users u where u.id = old.user_id) then
    return coalesce(new, old);
  end if;
  -- Serialises concurrent demotions of two owners, so they cannot both pass.
  perform 1 from public.organizations o where o.id = old.org_id for update;
  if not exists (
    select 1 from public.organization_members m
    where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id
  ) then
    raise exception using
      errcode = '23514',
      constraint = 'organization_keeps_an_owner',
      message = 'An organization needs an owner: make another member an owner (or transfer ownership) first.';
  end if;
  return coalesce(new, old);
end;
$$;

create trigger organization_members_keep_an_owner
  before update of role or delete on public.organization_members
  for each row execute function private.guard_last_owner();

-- After a member goes or stops being an owner: organizations.owner_id follows to another owner,
-- and someone who left takes nothing of the organization's with them (their repositories stop
-- being shared with it, their active workspace returns to personal).
create function private.after_member_change() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    update public.organizations o
    set owner_id = next_owner.user_id
    from (
      select m.user_id from public.organization_members m
      where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id
      order by m.created_at, m.user_id limit 1
    ) next_owner
    where o.id = old.org_id and o.owner_id = old.user_id;
  end if;
  if tg_op = 'DELETE' then
    update public.connected_repositories r set org_id = null where r.org_id = old.org_id and r.user_id = old.user_id;
    update public.user_profiles p set org_id = null where p.user_id = old.user_id and p.org_id = old.org_id;
  end if;
  return null;
end;
$$;

create trigger organization_members_after_change
  after update of role or delete on public.organization_members
  for each row execute function private.after_member_change();

-- Only owners delete the organization (any owner, not only the one owner_id names).
drop policy "Organizations: owner deletes" on public.organizations;
create policy "Organizations: owners delete" on public.organizations
  for delete to authenticated using (private.org_role(id) = 'owner');

-- Ownership moves to another member: they become an owner and organizations.owner_id, the
-- caller stays on as an admin. Only an owner may, and only to a member. Answers the outcome:
-- 'ok', 'not_owner' (the caller is not an owner) or 'not_member' (the target is not a member).
create function private.transfer_organization(p_org uuid, p_new_owner uuid) returns text
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_caller uuid := (select auth.uid());
begin
  perform 1 from public.organizations o where o.id = p_org for update;
  if v_caller is null or private.org_role(p_org) is distinct from 'owner' then
    return 'not_owner';
  end if;
  if p_new_owner = v_caller then
    return 'ok';
  end if;
  update public.organization_members m set role = 'owner' where m.org_id = p_org and m.user_id = p_new_owner;
  if not found then
    return 'not_member';
  end if;
  update public.organizations o set owner_id = p_new_owner where o.id = p_org;
  update public.organization_members m set role = 'admin' where m.org_id = p_org and m.user_id = v_caller;
  return 'ok';
end;
$$;


-- The members of an organization with their name and address, for its members only (profiles and
-- auth.users are otherwise each user's own). Nothing for anyone else.
create function private.organization_member_list(p_org uuid)
  returns table (user_id uuid, email text, display_name text, role text, joined_at timestamptz)
  language sql stable
  security definer
  set search_path = ''
as $$
  select m.user_id, u.email::text, p.display_name, m.role, m.created_at
  from public.organization_members m
  join auth.users u on u.id = m.user_id
  left join public.user_profiles p on p.user_id = m.user_id
  where m.org_id = p_org and private.is_org_member(p_org)
  order by case m.role when 'owner' then 0 when 'admin' then 1 else 2 end, m.created_at, m.user_id
  limit 1000
$$;

-- ---------------------------------------------------------------------------------------------
-- 2. Invitations

alter table public.invitations
  add column revoked_at timestamptz,
  alter column expires_at set default now() + interval '7 days';

-- One open invitation per address and organization: a second one is a resend.
create unique index invitations_one_open_per_email on public.invitations (org_id, lower(email))
  where accepted_at is null and revoked_at is null;

-- What a user's session may write: a new invitation, and on an open one a new token (a resend)
-- or the revocation. The token's lifetime is the database's: seven days from the moment the
-- token is (re)issued, whatever the caller sends.
revoke insert, update on public.invitations from authenticated;
grant insert (org_id, email, role, token_hash, invited_by) on public.invitations to authenticated;
grant update (token_hash, revoked_at) on public.invitations to authenticated;

create function private.invitation_lifetime() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or new.token_hash is distinct from old.token_hash then
    new.expires_at := now() + interval '7 days';
  end if;
  return new;
end;
$$;

create trigger invitations_lifetime
  before insert or update on public.invitations
  for each row execute function private.invitation_lifetime();

create policy "Invitations: org admins resend or revoke open ones" on public.invitations
  for update to authenticated
  using (private.is_org_admin(org_id) and accepted_at is null and revoked_at is null)
  with check (private.is_org_admin(org_id) and accepted_at is null);

-- The caller's email, from auth.users (the server's record), never from a claim they could shape.
create function private.caller_email() returns text
  language sql stable
  security definer
  set search_path = ''
as $$
  select lower(u.email) from auth.users u where u.id = (select auth.uid())
$$;

-- What the holder of an invitation token sees before accepting: the organization, the invited
-- address, the role and the state. Nothing for an unknown token.
create function private.invitation_preview(p_token_hash text)
  returns table (org_name text, org_slug text, email text, role text, state text, expires_at timestamptz, email_matches boolean)
  language sql stable
  security definer
  set search_path = ''
as $$
  select o.name, o.slug, i.email, i.role,
    case
      when i.accepted_at is not null then 'used'
      when i.revoked_at is not null then 'revoked'
      when i.expires_at <= now() then 'expired'
      else 'open'
    end,
    i.expires_at,
    lower(i.email) = private.caller_email()
  from public.invitations i join public.organizations o on o.id = i.org_id
  where i.token_hash = p_token_hash
$$;

-- Accepts an invitation as the signed-in user. Outcome: 'accepted' (now a member), 'member'
-- (already one; the invitation is used up), 'used', 'revoked', 'expired', 'wrong_email' or
-- 'not_found'. Every outcome but the first two changes nothing.
create function private.accept_invitation(p_token_hash text)
  returns table (outcome text, org_id uuid, org_slug text)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_invitation public.invitations%rowtype;
  v_slug text;
  v_added int;
begin
  if v_user is null then
    return query select 'not_found'::text, null::uuid, null::text;
    return;
  end if;
  select * into v_invitation from public.invitations i where i.token_hash = p_token_hash for update;
  if not found then
    return query select 'not_found'::text, null::uuid, null::text;
    return;
  end if;
  select o.slug into v_slug from public.organizations o where o.id = v_invitation.org_id;
  if v_invitation.accepted_at is not null then
    return query select 'used'::text, v_invitation.org_id, v_slug;
    return;
  end if;
  if v_invitation.revoked_at is not null then
    return query select 'revoked'::text, v_invitation.org_id, v_slug;
    return;
  end if;
  if v_invitation.expires_at <= now() then
    return query select 'expired'::text, v_invitation.org_id, v_slug;
    return;
  end if;
  if lower(v_invitation.email) is distinct from private.caller_email() then
    return query select 'wrong_email'::text, v_invitation.org_id, v_slug;
    return;
  end if;
  insert into public.organization_members (org_id, user_id, role)
  values (v_invitation.org_id, v_user, v_invitation.role)
  on conflict do nothing;
  get diagnostics v_added = row_count;
  update public.invitations i set accepted_at = now() where i.id = v_invitation.id;
  return query select case when v_added = 1 then 'accepted' else 'member' end, v_invitation.org_id, v_slug;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- 3. The active workspace (user_profiles.org_id): personal (null) or an organization the user
-- belongs to. Answers whether it was set.

create function private.set_active_organization(p_org uuid) returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  if v_user is null or (p_org is not null and not private.is_org_member(p_org)) then
    return false;
  end if;
  update public.user_profiles p set org_id = p_org where p.user_id = v_user;
  return found;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- 4. What an organization shares: repositories its owners and admins share with it, their
-- deliveries, and the suggestion runs made from them; members read them, nobody else does.

-- Whether the caller is a member of the organization the repository is shared with.
create function private.can_read_shared_repository(target_repository uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.connected_repositories r
    join public.organization_members m on m.org_id = r.org_id and m.user_id = (select auth.uid())
    where r.id = target_repository and r.org_id is not null
  )
$$;

-- Whether the event came through a repository shared with an organization the caller is in.
create function private.can_read_shared_event(target_event uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.background_events e
    join public.connected_repositories r on r.id = e.repository_id and r.org_id is not null
    join public.organization_members m on m.org_id = r.org_id and m.user_id = (select auth.uid())
    where e.id = target_event
  )
$$;

drop policy "Repositories: owner reads" on public.connected_repositories;
create policy "Repositories: owner and org members read" on public.connected_repositories
  for select to authenticated
  using (user_id = (select auth.uid()) or (org_id is not null and private.is_org_member(org_id)));

-- The one who connected it shares it with an organization they own or administer, or stops.
grant update (org_id) on public.connected_repositories to authenticated;
create policy "Repositories: owner shares with an org they administer" on public.connected_repositories
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (org_id is null or private.is_org_admin(org_id)));

drop policy "Events: owner and org members read" on public.background_events;
create policy "Events: owner and org members read" on public.background_events
  for select to authenticated
  using (
    user_id = (select auth.uid())
    or (org_id is not null and private.is_org_member(org_id))
    or (repository_id is not null and private.can_read_shared_repository(repository_id))
  );

drop policy "Runs: owner and org members read" on public.agent_runs;
create policy "Runs: owner and org members read" on public.agent_runs
  for select to authenticated
  using (
    user_id = (select auth.uid())
    or (org_id is not null and private.is_org_member(org_id))
    or (trigger = 'background_event' and background_event_id is not null and private.can_read_shared_event(background_event_id))
  );

-- ---------------------------------------------------------------------------------------------
-- 5. Functions: who may call them

revoke all on function private.guard_last_owner(), private.after_member_change(), private.invitation_lifetime(),
  private.transfer_organization(uuid, uuid), private.caller_email(), private.invitation_preview(text),
  private.accept_invitation(text), private.set_active_organization(uuid), private.organization_member_list(uuid),
  private.can_read_shared_repository(uuid), private.can_read_shared_event(uuid) from public;
grant execute on function private.transfer_organization(uuid, uuid), private.invitation_preview(text),
  private.accept_invitation(text), private.set_active_organization(uuid), private.caller_email(), private.organization_member_list(uuid),
  private.can_read_shared_repository(uuid), private.can_read_shared_event(uuid) to authenticated, service_role;
