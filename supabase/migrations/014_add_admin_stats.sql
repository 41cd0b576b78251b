-- Product-wide counts for the admin dashboard. Runs and profiles are private to their owners, so
-- the function reads them as the owner and refuses anyone who is not an administrator.

create function private.admin_stats()
  returns table (users integer, active_atoms integer, runs_total integer, runs_30d integer)
  language plpgsql stable
  security definer
  set search_path = ''
as $$
begin
  if not private.is_admin() then
    raise exception 'administrator only' using errcode = '42501';
  end if;
  return query
    select
      (select count(*)::int from public.user_profiles),
      (select count(*)::int from public.prompt_atoms where is_active),
      (select count(*)::int from public.agent_runs),
      (select count(*)::int from public.agent_runs where created_at > now() - interval '30 days');
end;
$$;

revoke all on function private.admin_stats() from public;
grant execute on function private.admin_stats() to authenticated;
