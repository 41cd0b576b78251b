-- A public share is for "anyone signed in with the link", as the share panel says; but the read
-- policies let any signed-in user select every public share, and every customisation behind one,
-- through the Data API without knowing a single link. Now the policies grant the owner, the named
-- user and the organization's members only; a public share is opened by its id through the two
-- functions below, which answer one share (and its customisation) for the id asked, never a list.

drop policy "Shares: owner and recipients read" on public.shared_template_customizations;
create policy "Shares: owner and recipients read" on public.shared_template_customizations
  for select to authenticated
  using (
    owner_id = (select auth.uid())
    or shared_with_user_id = (select auth.uid())
    or (visibility = 'organization' and private.is_org_member(shared_with_org_id))
  );

-- Whether the caller may read a customisation through a share made to them (by name or through
-- their organization); public shares are opened with private.public_share_customization.
create or replace function private.can_read_shared_customization(target_customization uuid) returns boolean
  language sql stable
  security definer
  set search_path = ''
as $$
  select exists (
    select 1 from public.shared_template_customizations s
    where s.customization_id = target_customization
      and (
        s.shared_with_user_id = (select auth.uid())
        or (s.visibility = 'organization' and exists (
          select 1 from public.organization_members m
          where m.org_id = s.shared_with_org_id and m.user_id = (select auth.uid())
        ))
      )
  )
$$;

-- The public share with this id, for a signed-in caller; no row for any other id or share.
create function private.public_share(p_share_id uuid) returns setof public.shared_template_customizations
  language sql stable
  security definer
  set search_path = ''
as $$
  select s.* from public.shared_template_customizations s
  where s.id = p_share_id and s.visibility = 'public' and (select auth.uid()) is not null
$$;

-- The customisation behind the public share with this id, for a signed-in caller.
create function private.public_share_customization(p_share_id uuid) returns setof public.user_template_customizations
  language sql stable
  security definer
  set search_path = ''
as $$
  select c.* from public.user_template_customizations c
  join public.shared_template_customizations s on s.customization_id = c.id
  where s.id = p_share_id and s.visibility = 'public' and (select auth.uid()) is not null
$$;

revoke all on function private.public_share(uuid), private.public_share_customization(uuid) from public;
grant execute on function private.public_share(uuid), private.public_share_customization(uuid) to authenticated, service_role;
