-- How the runs that used a template went, read from what the runs themselves recorded
-- (agent_runs.template_versions, migration 025, written only by the server when the run opens)
-- instead of from usage events, which their users write: no one can attach a run, theirs or
-- another's, to a template's figures. Counts and averages only, across all users.

create index agent_runs_template_versions_idx on public.agent_runs using gin (template_versions jsonb_path_ops)
  where template_versions <> '[]'::jsonb;

create or replace function private.template_run_outcomes(p_template_id text)
returns table (runs bigint, succeeded bigint, approved bigint, rejected bigint, revised bigint, avg_tokens numeric, avg_latency_ms numeric)
  language sql stable
  security definer
  set search_path = ''
as $$
  select count(*),
    count(*) filter (where r.status = 'succeeded'),
    count(*) filter (where r.feedback = 'approved'),
    count(*) filter (where r.feedback = 'rejected'),
    count(*) filter (where r.feedback = 'revised'),
    round(avg(r.input_tokens + r.output_tokens) filter (where r.status = 'succeeded'), 1),
    round(avg(r.latency_ms) filter (where r.status = 'succeeded'), 1)
  from public.agent_runs r
  where r.template_versions @> jsonb_build_array(jsonb_build_object('id', p_template_id))
    and r.template_versions <> '[]'::jsonb
$$;

revoke all on function private.template_run_outcomes(text) from public;
grant execute on function private.template_run_outcomes(text) to authenticated, service_role;
