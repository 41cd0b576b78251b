-- Conversations. A thread is a named sequence of runs: a follow-up carries the earlier turns as
-- context, and a reload shows the whole thread again.
--
-- 1. public.threads, private to its owner. Deleting a thread deletes its runs (the usage they
--    consumed stays counted in usage_metrics, which does not reference runs).
-- 2. A run may belong to one of its owner's threads: the foreign key includes the user, so a run
--    can never sit in another user's thread, whoever writes it.
-- 3. What a run was given as context (thread_context), which earlier run it regenerates
--    (replaces_run_id), and the answer so far while it runs (partial_output), so a user who comes
--    back mid-answer sees its progress; a stopped or failed run keeps what had arrived.
-- 4. open_run takes the thread, the context and the run it replaces.

create table public.threads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (id, user_id)
);

create index threads_user_recent_idx on public.threads (user_id, updated_at desc, id desc);

alter table public.threads enable row level security;

create policy "Threads: owner reads" on public.threads
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Threads: owner creates" on public.threads
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "Threads: owner updates" on public.threads
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "Threads: owner deletes" on public.threads
  for delete to authenticated using (user_id = (select auth.uid()));

revoke all on public.threads from anon, authenticated;
grant select, insert, delete on public.threads to authenticated;
-- A thread cannot move to another user: only its title and its last activity change.
grant update (title, updated_at) on public.threads to authenticated;

alter table public.agent_runs
  add column thread_id uuid,
  add column thread_context jsonb,
  add column replaces_run_id uuid references public.agent_runs (id) on delete set null,
  add column partial_output text check (partial_output is null or char_length(partial_output) <= 1000000),
  add constraint agent_runs_thread_owner_fkey foreign key (thread_id, user_id)
    references public.threads (id, user_id) on delete cascade;

create index agent_runs_thread_idx on public.agent_runs (thread_id, created_at) where thread_id is not null;
create index agent_runs_replaces_idx on public.agent_runs (replaces_run_id) where replaces_run_id is not null;

drop function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint);

-- As in 016, with the thread the run belongs to, the context it was given and the run it
-- regenerates. The thread's last activity moves with every run, in the same statement.
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
  p_replaces_run_id uuid
) returns table (ok boolean, metric text, used bigint, quota bigint, period date)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_reservation record;
  v_refused boolean := false;
  v_period date;
begin
  for v_reservation in select * from private.reserve_usage(p_user, p_reserved_tokens) loop
    ok := v_reservation.ok;
    metric := v_reservation.metric;
    used := v_reservation.used;
    quota := v_reservation.quota;
    period := v_reservation.period;
    v_refused := v_refused or not v_reservation.ok;
    v_period := v_reservation.period;
    return next;
  end loop;
  if not v_refused then
    insert into public.agent_runs (
      id, user_id, trigger, task, system_prompt, user_prompt, selected_atoms, blend_recipe, vibe_snapshot,
      provider, model, output_type, price, status, started_at, reserved_tokens, usage_period,
      thread_id, thread_context, replaces_run_id
    ) values (
      p_run_id, p_user, p_trigger, p_task, p_system_prompt, p_user_prompt, p_selected_atoms, p_blend_recipe, p_vibe_snapshot,
      p_provider, p_model, p_output_type, p_price, 'running', now(), p_reserved_tokens, v_period,
      p_thread_id, p_thread_context, p_replaces_run_id
    );
    if p_thread_id is not null then
      update public.threads t set updated_at = now() where t.id = p_thread_id and t.user_id = p_user;
    end if;
  end if;
end;
$$;

revoke all on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid) from public;
grant execute on function private.open_run(uuid, uuid, text, text, text, text, uuid[], jsonb, jsonb, text, text, text, jsonb, bigint, uuid, jsonb, uuid) to service_role;

-- The answer so far is written by the server only (the user's session holds no grant on it).
-- Once a run has ended it is never rewritten, except by the settlement itself.
create function private.record_partial_output(p_run_id uuid, p_text text) returns void
  language sql volatile
  security definer
  set search_path = ''
as $$
  update public.agent_runs r set partial_output = p_text where r.id = p_run_id and r.status in ('queued', 'running');
$$;

revoke all on function private.record_partial_output(uuid, text) from public;
grant execute on function private.record_partial_output(uuid, text) to service_role;

-- Runs from before conversations each become a conversation of their own (the thread takes the
-- run's id), so every past answer is listed and can be followed up.
insert into public.threads (id, user_id, title, created_at, updated_at)
select r.id, r.user_id,
       coalesce(nullif(btrim(left(regexp_replace(r.task, '\s+', ' ', 'g'), 80)), ''), 'Conversation'),
       r.created_at, coalesce(r.completed_at, r.created_at)
from public.agent_runs r
where r.thread_id is null;

update public.agent_runs set thread_id = id where thread_id is null;
