-- Runs with templates (issue 11): a run can be given templates from the catalog, combined into its
-- prompt. The run records which versions it used (and which of the owner's customisations), and
-- counts one "templates" use besides its runs and tokens.
--
-- 1. agent_runs.template_versions: [{ "id", "version", "customizationVersion" }], in prompt order,
--    at most 10 (the API's limit), checked for that shape. Read with the run (its owner, under the
--    runs' read policy); users cannot write it (they may only update cancel_requested_at).
-- 2. private.attach_run_templates: called by the server right after open_run, in the same
--    transaction: reserves one "templates" use, records the versions on the run, and settles the
--    use (the prompt exists once the run is open). A refusal writes nothing, and the caller rolls
--    the whole run back with it.

-- ---------------------------------------------------------------------------------------------
-- 1. The column

-- True for an array of at most 10 objects with exactly the keys id (1–100 characters), version
-- (1–40) and customizationVersion (a number or null). CASE keeps each test from running on a
-- value an earlier one rejected (AND does not promise an order). Executable by the roles that can
-- update a run at all, because a CHECK runs with the rights of whoever updates the row.
create function private.is_template_version_list(p_value jsonb) returns boolean
  language sql immutable
  set search_path = ''
as $$
  select case
    when jsonb_typeof(p_value) is distinct from 'array' then false
    when jsonb_array_length(p_value) > 10 then false
    else coalesce((
      select bool_and(
        case
          when jsonb_typeof(e.item) <> 'object' then false
          else (select array_agg(k.key order by k.key collate "C") from jsonb_object_keys(e.item) as k(key))
                 = array['customizationVersion', 'id', 'version']
            and jsonb_typeof(e.item -> 'id') = 'string'
            and char_length(e.item ->> 'id') between 1 and 100
            and jsonb_typeof(e.item -> 'version') = 'string'
            and char_length(e.item ->> 'version') between 1 and 40
            and jsonb_typeof(e.item -> 'customizationVersion') in ('number', 'null')
        end)
      from jsonb_array_elements(p_value) as e(item)), true)
  end
$$;

revoke all on function private.is_template_version_list(jsonb) from public, anon;
grant execute on function private.is_template_version_list(jsonb) to authenticated, service_role;

alter table public.agent_runs
  add column template_versions jsonb not null default '[]'::jsonb,
  add constraint agent_runs_template_versions_shape check (private.is_template_version_list(template_versions));

-- ---------------------------------------------------------------------------------------------
-- 2. Attaching templates to a run just opened

-- The same answer as reserve_usage and reserve_metric: one ok row, or the refusal (ok = false,
-- the count and limit, the period) with nothing written. Only for a run of p_user that is running
-- and has no templates yet, so it cannot rewrite what an earlier run recorded.
create function private.attach_run_templates(p_run_id uuid, p_user uuid, p_templates jsonb, p_subject text)
  returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation record;
begin
  if p_templates is null or jsonb_typeof(p_templates) <> 'array' or jsonb_array_length(p_templates) = 0 then
    raise exception 'attach_run_templates: p_templates must be a non-empty array' using errcode = '22023';
  end if;
  select * into v_reservation from private.reserve_metric(p_user, 'templates', 1, p_subject);
  if not v_reservation.ok then
    return query select false, v_reservation.metric, v_reservation.used, v_reservation.quota, v_reservation.period;
    return;
  end if;
  update public.agent_runs r
  set template_versions = p_templates
  where r.id = p_run_id and r.user_id = p_user and r.status = 'running' and r.template_versions = '[]'::jsonb;
  if not found then
    raise exception 'attach_run_templates: % is no run of this user just opened', p_run_id using errcode = '22023';
  end if;
  perform private.settle_reservation(v_reservation.reservation_id, 1);
  return query select true, v_reservation.metric, v_reservation.used, v_reservation.quota, v_reservation.period;
end;
$$;

revoke all on function private.attach_run_templates(uuid, uuid, jsonb, text) from public, anon, authenticated;
grant execute on function private.attach_run_templates(uuid, uuid, jsonb, text) to service_role;
