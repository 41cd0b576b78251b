-- Feedback that behaves (issue 8): the note is kept with every verdict, repeating a verdict is a
-- no-op (a double click gives one verdict), and a verdict can be changed, moving each atom's
-- statistics by the difference.
--
-- Each verdict counts once as a use of every atom the run selected, and approved also as a
-- success. So the first verdict adds a use (and a success if approved); a change adds no use and
-- moves success_count by (new is approved) − (old is approved); repeating the verdict moves
-- nothing. The atoms therefore always reflect each run's latest verdict exactly once.

-- Errors the app maps: RN404 no such run (or not the caller's), RN412 not a succeeded run.
create or replace function private.record_run_feedback(p_run_id uuid, p_feedback text, p_detail text) returns void
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_detail text := nullif(btrim(p_detail), '');
  v_run record;
  v_uses integer;
  v_successes integer;
begin
  if p_feedback is null or p_feedback not in ('approved', 'rejected', 'revised') then
    raise exception 'feedback must be approved, rejected or revised' using errcode = '22023';
  end if;
  if p_feedback = 'revised' and v_detail is null then
    raise exception 'a revision needs a detail' using errcode = '22023';
  end if;

  -- The row lock serialises feedback on one run: a second request waits here and then reads the
  -- verdict the first one stored, so two concurrent changes cannot both apply their difference
  -- against the same old verdict.
  select r.status, r.feedback, r.feedback_detail, r.selected_atoms into v_run
  from public.agent_runs r
  where r.id = p_run_id and r.user_id = v_user
  for update;
  if not found then
    raise exception 'run not found' using errcode = 'RN404';
  end if;
  if v_run.status <> 'succeeded' then
    raise exception 'run is %, not succeeded', v_run.status using errcode = 'RN412';
  end if;
  if v_run.feedback = p_feedback and v_run.feedback_detail is not distinct from v_detail then
    return;
  end if;

  update public.agent_runs r
  set feedback = p_feedback, feedback_detail = v_detail, feedback_at = now()
  where r.id = p_run_id;

  v_uses := case when v_run.feedback is null then 1 else 0 end;
  v_successes := (case when p_feedback = 'approved' then 1 else 0 end)
               - (case when v_run.feedback = 'approved' then 1 else 0 end);
  if v_uses = 0 and v_successes = 0 then
    return;
  end if;

  -- Atoms are locked in id order first, so two runs sharing atoms cannot deadlock; the average is
  -- recomputed from the counters in the UPDATE that moves them, so it stays exact.
  perform 1 from public.prompt_atoms a where a.id = any(v_run.selected_atoms) order by a.id for update;
  update public.prompt_atoms a
  set usage_count = a.usage_count + v_uses,
      success_count = a.success_count + v_successes,
      success_rate = (a.success_count + v_successes)::numeric / greatest(a.usage_count + v_uses, 1)
  where a.id = any(v_run.selected_atoms);
end;
$$;

-- create or replace keeps the grants of migration 015; restated so this file shows who may call it.
revoke all on function private.record_run_feedback(uuid, text, text) from public;
grant execute on function private.record_run_feedback(uuid, text, text) to authenticated;
