-- Forms (issue 8): the current vibe carries a version, so a save based on an older version (another
-- tab or device saved first) is refused with a 409 instead of silently overwriting that save.
--
-- The version is counted by a trigger on every update, whichever path writes the row (PUT
-- /api/vibe, applying a preset, a future one): a writer cannot forget to bump it, and users hold
-- no UPDATE privilege on the column, so they cannot set it back to pass the check.

alter table public.vibe_configs add column version integer not null default 1;

create function private.bump_vibe_version() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  new.version := old.version + 1;
  return new;
end;
$$;

revoke all on function private.bump_vibe_version() from public;

create trigger vibe_configs_bump_version
  before update on public.vibe_configs
  for each row execute function private.bump_vibe_version();
