-- A suggestion (a run made from a repository event) is acted on or dismissed by its owner:
-- agent_runs.suggestion_status goes pending → actioned | dismissed (and back to pending to undo).
-- Only suggestion runs carry a status, so a manual run can never be "dismissed" into the
-- dashboard's suggestions, and the time of the decision is kept for the dashboard and analytics.

alter table public.agent_runs
  add column suggestion_decided_at timestamptz;

alter table public.agent_runs
  add constraint agent_runs_suggestion_status_only_on_suggestions
  check (suggestion_status is null or trigger = 'background_event');

-- The owner changes the status (and its time) of their own runs; RLS's "owner updates" policy
-- already limits the rows, the check above limits the runs.
grant update (suggestion_decided_at) on public.agent_runs to authenticated;
