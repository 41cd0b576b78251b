-- A run that starts a new conversation creates that conversation in private.open_run, after its
-- reservation has been granted, instead of in a statement of its own before it. A refused run
-- then writes nothing at all, so the server can send COMMIT in the same message as open_run and
-- start a run in one round trip fewer. Follow-ups pass no title and behave as before.

drop function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid);

create function private.open_run(
  p_run_id uuid,
  p_user uuid,
  p_trigger text,
  p_task text,
  p_system_prompt text,
  p_user_prompt text,
  p_selected_atoms uuid[],
  p_blend_recipe jsonb,
  p_vibe_snapshot jsonb,
  p_provider text,
  p_model text,
  p_output_type text,
  p_price jsonb,
  p_reserved_tokens bigint,
  p_thread_id uuid,
  p_thread_context jsonb,
  p_replaces_run_id uuid,
  -- Set when the run starts a new conversation (p_thread_id is then that conversation's new id).
  p_new_thread_title text
) returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation record;
  v_refused boolean := false;
  v_period date;
  v_day date;
begin
  if p_new_thread_title is not null and p_thread_id is null then
    raise exception 'open_run: a new conversation needs its id in p_thread_id' using errcode = '22023';
  end if;
  for v_reservation in select * from private.reserve_usage(p_user, p_reserved_tokens) loop
    ok := v_reservation.ok;
    metric := v_reservation.metric;
    used := v_reservation.used;
    quota := v_reservation.quota;
    period := v_reservation.period;
    v_refused := v_refused or not v_reservation.ok;
    if v_reservation.metric = 'daily_tokens' then
      v_day := v_reservation.period;
    else
      v_period := v_reservation.period;
    end if;
    return next;
  end loop;
  if v_refused then
    return;
  end if;
  if p_new_thread_title is not null then
    insert into public.threads (id, user_id, title) values (p_thread_id, p_user, p_new_thread_title);
  end if;
  insert into public.agent_runs (
    id, user_id, trigger, task, system_prompt, user_prompt, selected_atoms, blend_recipe, vibe_snapshot,
    provider, model, output_type, price, status, started_at, reserved_tokens, usage_period, usage_day,
    thread_id, thread_context, replaces_run_id
  ) values (
    p_run_id, p_user, p_trigger, p_task, p_system_prompt, p_user_prompt, p_selected_atoms, p_blend_recipe, p_vibe_snapshot,
    p_provider, p_model, p_output_type, p_price, 'running', now(), p_reserved_tokens, v_period, v_day,
    p_thread_id, p_thread_context, p_replaces_run_id
  );
  if p_thread_id is not null and p_new_thread_title is null then
    update public.threads t set updated_at = now() where t.id = p_thread_id and t.user_id = p_user;
  end if;
end;
$$;

revoke all on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid, text) from public, anon, authenticated;
grant execute on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid, text) to service_role;
