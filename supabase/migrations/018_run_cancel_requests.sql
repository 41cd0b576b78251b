-- A run is cancelled only when its owner asks (Stop), never because a connection closed: a tab
-- that is closed or reloaded leaves the run to finish and be stored. The request is a timestamp on
-- the run, which the server executing it polls; any instance can take the request.

alter table public.agent_runs add column cancel_requested_at timestamptz;

-- The owner may set it (the RLS update policy already limits updates to their own runs); nothing
-- else about a run becomes writable.
grant update (cancel_requested_at) on public.agent_runs to authenticated;
