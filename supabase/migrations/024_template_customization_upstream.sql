-- Customisations that follow upstream template versions, and the catalog's public counts (issue 11).
--
-- A customisation records the template version it was made on (base_version): its values are
-- checked against that version's variables, and a newer version is something to rebase onto,
-- never applied silently. The history snapshot carries it too, so a rollback restores exactly.

alter table public.user_template_customizations add column base_version text;

-- Existing customisations were made on the newest version there was (semver order; a version
-- that is not semver sorts last).
update public.user_template_customizations c
set base_version = (
  select v.version from public.template_versions v
  where v.template_id = c.template_id
  order by case when v.version ~ '^\d+\.\d+\.\d+$' then string_to_array(v.version, '.')::numeric[] end desc nulls last,
    v.created_at desc
  limit 1
)
where c.base_version is null;

-- The base is a version that exists (null only for a template with no published version). An
-- administrator who deletes a version leaves its customisations without a base, to be rebased.
alter table public.user_template_customizations
  add constraint user_template_customizations_base_version_fkey
  foreign key (template_id, base_version) references public.template_versions (template_id, version)
  on delete set null (base_version);

create index user_template_customizations_base_idx on public.user_template_customizations (template_id, base_version);

update public.template_customization_history h
set snapshot = h.snapshot || jsonb_build_object('baseVersion', c.base_version)
from public.user_template_customizations c
where c.id = h.customization_id and not (h.snapshot ? 'baseVersion');

-- Popularity across all users, as counts only: no other user's rows (nor who they are) leave, and
-- only for published templates (a user's own event rows may name any template id).
-- A use is a render, a test render, a generated prompt or a clone; views and saves are not uses.
-- `users` counts distinct people: a user can write their own event rows, so one account can
-- inflate `uses` but not `users`, which is what the popular order ranks first.
create function private.template_catalog_stats()
returns table (template_id text, uses bigint, users bigint, rating_avg numeric, rating_count bigint)
  language sql stable
  security definer
  set search_path = ''
as $$
  with use_counts as (
    select a.template_id, count(*) as uses, count(distinct a.user_id) as users
    from public.template_usage_analytics a
    where a.event in ('render', 'test', 'generate', 'clone')
    group by a.template_id
  ),
  ratings as (
    select f.template_id, round(avg(f.rating), 2) as rating_avg, count(*) as rating_count
    from public.template_feedback f
    group by f.template_id
  )
  select coalesce(u.template_id, r.template_id), coalesce(u.uses, 0), coalesce(u.users, 0), r.rating_avg, coalesce(r.rating_count, 0)
  from use_counts u
  full join ratings r on r.template_id = u.template_id
  where coalesce(u.template_id, r.template_id) in (select v.template_id from public.template_versions v)
$$;

-- How the runs that used a template went, across all users, as counts and averages only.
-- Until runs record the template versions they used, a run is linked to a template by a
-- 'generate' or 'render' event whose metadata names the run (`runId`), made by the run's own
-- user (a user cannot attach someone else's run). Replace this body when agent_runs has the column.
create function private.template_run_outcomes(p_template_id text)
returns table (runs bigint, succeeded bigint, approved bigint, rejected bigint, revised bigint, avg_tokens numeric, avg_latency_ms numeric)
  language sql stable
  security definer
  set search_path = ''
as $$
  with linked as (
    select distinct r.id, r.status, r.feedback, r.input_tokens, r.output_tokens, r.latency_ms
    from public.template_usage_analytics a
    join public.agent_runs r
      on r.id = case when a.metadata ->> 'runId' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                     then (a.metadata ->> 'runId')::uuid end
     and r.user_id = a.user_id
    where a.template_id = p_template_id and a.event in ('generate', 'render')
  )
  select count(*),
    count(*) filter (where status = 'succeeded'),
    count(*) filter (where feedback = 'approved'),
    count(*) filter (where feedback = 'rejected'),
    count(*) filter (where feedback = 'revised'),
    round(avg(input_tokens + output_tokens) filter (where status = 'succeeded'), 1),
    round(avg(latency_ms) filter (where status = 'succeeded'), 1)
  from linked
$$;

revoke all on function private.template_catalog_stats() from public;
revoke all on function private.template_run_outcomes(text) from public;
grant execute on function private.template_catalog_stats() to authenticated, service_role;
grant execute on function private.template_run_outcomes(text) to authenticated, service_role;
