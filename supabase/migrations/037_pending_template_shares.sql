-- Sharing a customisation with an email address answers the same whether or not an account has
-- that address (a 404 for an unknown one told any signed-in user which addresses have accounts).
-- A share to an address no account has confirmed waits, readable by its owner only, and reaches
-- the account once one confirms the address: on sign-up, or later when it confirms or changes to it.

alter table public.shared_template_customizations drop constraint shared_template_customizations_check;
alter table public.shared_template_customizations
  add constraint shared_template_customizations_recipient check (
    (visibility = 'public' and shared_with_user_id is null and shared_with_org_id is null)
    or (visibility = 'users' and (shared_with_user_id is not null or shared_with_email is not null) and shared_with_org_id is null)
    or (visibility = 'organization' and shared_with_org_id is not null and shared_with_user_id is null)
  );

-- Waiting shares, by the address they wait for (stored lower-case by the share route).
create index shared_template_customizations_pending_idx on public.shared_template_customizations (shared_with_email)
  where visibility = 'users' and shared_with_user_id is null;

create function private.attach_pending_shares() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.email is not null and new.email_confirmed_at is not null then
    update public.shared_template_customizations s
    set shared_with_user_id = new.id
    where s.visibility = 'users'
      and s.shared_with_user_id is null
      and s.shared_with_email = lower(btrim(new.email))
      and s.owner_id <> new.id;
  end if;
  return null;
end;
$$;

revoke all on function private.attach_pending_shares() from public;

create trigger on_auth_user_email_confirmed_shares
  after insert or update of email, email_confirmed_at on auth.users
  for each row execute function private.attach_pending_shares();
