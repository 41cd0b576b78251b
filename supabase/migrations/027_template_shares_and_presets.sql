-- Sharing template customisations, system presets, and what the share routes need (issue 11).
--
-- A share names the recipient by the address the owner typed, so the owner's list can show it
-- without anyone reading auth.users; the recipient's id is what the policies use.
alter table public.shared_template_customizations
  add column shared_with_email text check (shared_with_email is null or char_length(shared_with_email) <= 320),
  add constraint shared_template_customizations_email_only_for_users
    check (shared_with_email is null or visibility = 'users');

-- The id of the account with this email, for sharing with a named user: the id only, never a
-- profile, and only to a signed-in caller. An unknown address answers null.
create function private.user_id_for_email(p_email text) returns uuid
  language sql stable
  security definer
  set search_path = ''
as $$
  select u.id from auth.users u
  where (select auth.uid()) is not null
    and p_email is not null
    and char_length(p_email) <= 320
    and lower(u.email) = lower(btrim(p_email))
  limit 1
$$;

-- The display name of a share's owner, for whoever may read the share (its owner, anyone for a
-- public share, the named user, a member of the organization); null for everyone else.
create function private.shared_template_owner_name(p_share_id uuid) returns text
  language sql stable
  security definer
  set search_path = ''
as $$
  select p.display_name
  from public.shared_template_customizations s
  join public.user_profiles p on p.user_id = s.owner_id
  where s.id = p_share_id
    and (select auth.uid()) is not null
    and (
      s.owner_id = (select auth.uid())
      or s.visibility = 'public'
      or s.shared_with_user_id = (select auth.uid())
      or (s.visibility = 'organization' and exists (
        select 1 from public.organization_members m
        where m.org_id = s.shared_with_org_id and m.user_id = (select auth.uid())
      ))
    )
$$;

revoke all on function private.user_id_for_email(text), private.shared_template_owner_name(uuid) from public;
grant execute on function private.user_id_for_email(text), private.shared_template_owner_name(uuid) to authenticated, service_role;

-- One system preset per name: the seed below can run again without duplicating them.
create unique index template_presets_system_name_idx on public.template_presets (name) where is_system;

-- System presets: values for variables that exist in the templates they list (a test checks each
-- one against the catalog). Applying one writes a customisation version per template.
insert into public.template_presets (is_system, name, description, template_ids, variables)
values
  (true, 'Next.js + Supabase SaaS',
   'A multi-tenant SaaS on Next.js App Router with Supabase Auth, Postgres row level security and Vercel.',
   array['init-project-structure', 'init-env-config', 'auth-session-management', 'auth-rbac-middleware', 'db-rls-policies',
         'db-migration-structure', 'api-route-structure', 'frontend-protected-routes', 'perf-caching-strategy', 'deploy-env-management'],
   '{"framework": "Next.js App Router", "packageManager": "pnpm", "provider": "Supabase Auth", "tool": "Supabase CLI",
     "enforceInDatabase": true, "useHelperFunctions": true, "tenantColumn": "org_id", "appCache": "Upstash Redis",
     "platform": "Vercel", "generateTypes": true}'::jsonb),
  (true, 'API service (Node + Postgres)',
   'A JSON API on Fastify and PostgreSQL: validated bodies, one error envelope, keyset pagination, plain SQL migrations, a Docker image.',
   array['init-project-structure', 'init-logging', 'api-route-structure', 'api-validation-middleware', 'api-error-handling',
         'api-rate-limiting', 'api-pagination', 'db-migration-structure', 'perf-database-query-optimization', 'deploy-docker'],
   '{"framework": "Fastify", "validator": "zod", "library": "pino", "store": "PostgreSQL", "strategy": "cursor (keyset)",
     "tool": "plain SQL files with a runner", "dataAccess": "raw SQL with pg", "appType": "Node API server",
     "versioned": true, "openApi": true, "rejectUnknownFields": true}'::jsonb),
  (true, 'Static marketing site',
   'A fast marketing site on Next.js and Vercel: small bundles, compressed assets, strict headers, previews per branch.',
   array['frontend-route-structure', 'perf-frontend-code-splitting', 'perf-compression', 'security-headers',
         'deploy-env-management', 'cicd-github-actions'],
   '{"router": "Next.js App Router", "framework": "Next.js App Router", "workspaceInUrl": false,
     "marketingPages": ["/", "/pricing", "/about", "/blog"], "budgetKb": 150, "prefetch": true, "platform": "Vercel",
     "precompressStatic": true, "useNonces": false, "e2e": true}'::jsonb)
on conflict (name) where is_system do nothing;
