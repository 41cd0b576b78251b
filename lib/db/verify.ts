import type { Sql } from '@/lib/db/client';
import { appliedMigrations, readMigrations } from '@/lib/db/migrations';

export interface Check {
  ok: boolean;
  label: string;
}

/** Tables every deployment must have (PRODUCT.md's data model). */
export const KEY_TABLES = [
  'user_profiles',
  'prompt_atoms',
  'vibe_configs',
  'agent_runs',
  'background_events',
  'user_template_customizations',
  'template_versions',
  'template_customization_history',
  'template_usage_analytics',
  'template_feedback',
  'shared_template_customizations',
  'template_presets',
  'organizations',
  'organization_members',
  'invitations',
  'usage_metrics',
  'threads',
  'subscriptions',
  'stripe_events',
  'plan_limits',
  'usage_reservations',
  'connected_repositories',
  'api_tokens',
  'extension_auth_codes',
  'extension_refresh_tokens',
  'admin_audit_log',
] as const;

/** Public information anyone may read, signed in or not: anon holds SELECT on these and nothing else. */
export const PUBLIC_TABLES = ['plan_limits'] as const;

/** pg-boss's schema (migration 023): the version the installed pg-boss expects, and its queue. */
export const QUEUE_SCHEMA_VERSION = 46;
const QUEUES = ['code-repo-events'];

// Our own schemas; Supabase-managed schemas (auth, storage, …) are not ours to judge.
const OWN_SCHEMAS = ['public', 'private'];

export async function verifyDatabase(sql: Sql, migrationsDir?: string): Promise<Check[]> {
  const checks: Check[] = [];

  const applied = new Map((await appliedMigrations(sql)).map((row) => [row.version, row]));
  for (const migration of await readMigrations(migrationsDir)) {
    const row = applied.get(migration.version);
    checks.push({
      ok: row !== undefined && (row.name === null || row.name === migration.name),
      label: row ? `migration ${migration.file} applied` : `migration ${migration.file} not applied`,
    });
  }

  const tables = await sql<{ table_name: string; rls: boolean; policies: number }[]>`
    select c.relname as table_name, c.relrowsecurity as rls,
      (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by c.relname`;
  const present = new Set(tables.map((table) => table.table_name));
  for (const table of KEY_TABLES) {
    checks.push({ ok: present.has(table), label: `table public.${table} ${present.has(table) ? 'exists' : 'is missing'}` });
  }
  for (const table of tables) {
    checks.push({ ok: table.rls, label: `public.${table.table_name}: row level security ${table.rls ? 'enabled' : 'DISABLED'}` });
    checks.push({ ok: table.policies > 0, label: `public.${table.table_name}: ${table.policies} polic${table.policies === 1 ? 'y' : 'ies'}` });
  }

  const openPolicies = await sql<{ table_name: string; policy: string }[]>`
    select tablename as table_name, policyname as policy from pg_policies
    where schemaname = 'public' and 'public' = any(roles)`;
  checks.push({
    ok: openPolicies.length === 0,
    label:
      openPolicies.length === 0
        ? 'every policy names its role (none apply to PUBLIC)'
        : `policies without a role: ${openPolicies.map((p) => `${p.table_name}."${p.policy}"`).join(', ')}`,
  });

  const mutable = await sql<{ fn: string }[]>`
    select n.nspname || '.' || p.proname as fn
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where p.prosecdef and n.nspname = any(${OWN_SCHEMAS})
      and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')`;
  checks.push({
    ok: mutable.length === 0,
    label:
      mutable.length === 0
        ? 'no SECURITY DEFINER function has a mutable search_path'
        : `SECURITY DEFINER functions with a mutable search_path: ${mutable.map((m) => m.fn).join(', ')}`,
  });

  // TRUNCATE ignores RLS, and TRIGGER and REFERENCES are never a user's to use; anon needs nothing
  // but reading public information.
  const excess = await sql<{ grantee: string; table_name: string; privilege: string }[]>`
    select grantee, table_name, privilege_type as privilege from information_schema.role_table_grants
    where table_schema = 'public'
      and ((grantee = 'authenticated' and privilege_type in ('TRUNCATE', 'TRIGGER', 'REFERENCES'))
           or (grantee = 'anon' and not (privilege_type = 'SELECT' and table_name = any(${PUBLIC_TABLES as unknown as string[]}))))
    order by table_name, grantee, privilege_type`;
  checks.push({
    ok: excess.length === 0,
    label:
      excess.length === 0
        ? `anon holds no table privilege but SELECT on ${PUBLIC_TABLES.join(', ')}; authenticated holds no TRUNCATE, TRIGGER or REFERENCES`
        : `excess table privileges: ${excess.map((g) => `${g.grantee} ${g.privilege} on ${g.table_name}`).join(', ')}`,
  });

  // Tables created later must not get them either: the default privileges of the migrating role.
  const defaults = await sql<{ grantee: string; privilege: string }[]>`
    select g.grantee::regrole::text as grantee, g.privilege_type as privilege
    from pg_default_acl d
    join pg_namespace n on n.oid = d.defaclnamespace
    cross join lateral aclexplode(d.defaclacl) g
    where n.nspname = 'public' and d.defaclobjtype = 'r' and d.defaclrole = current_user::regrole
      and ((g.grantee::regrole::text = 'authenticated' and g.privilege_type in ('TRUNCATE', 'TRIGGER', 'REFERENCES'))
           or g.grantee::regrole::text = 'anon')`;
  checks.push({
    ok: defaults.length === 0,
    label:
      defaults.length === 0
        ? 'new tables will not grant anon anything, nor authenticated TRUNCATE, TRIGGER or REFERENCES'
        : `default privileges still grant: ${defaults.map((g) => `${g.grantee} ${g.privilege}`).join(', ')}`,
  });

  // Supabase's linter (multiple_permissive_policies): each permissive policy runs for every row.
  const overlapping = await sql<{ table_name: string; role: string; action: string; policies: string[] }[]>`
    select tablename as table_name, role, cmd as action, array_agg(policyname order by policyname) as policies
    from pg_policies cross join lateral unnest(roles) as role
    where schemaname = 'public' and permissive = 'PERMISSIVE'
    group by tablename, role, cmd
    having count(*) > 1`;
  checks.push({
    ok: overlapping.length === 0,
    label:
      overlapping.length === 0
        ? 'one permissive policy per table, role and action'
        : `several permissive policies for one action: ${overlapping.map((o) => `${o.table_name} ${o.role} ${o.action} (${o.policies.join(', ')})`).join('; ')}`,
  });

  const [queue] = await sql<{ version: number | null; queues: number; exposed: string[] }[]>`
    select
      (select max(version) from pgboss.version) as version,
      (select count(*)::int from pgboss.queue where name = any(${QUEUES})) as queues,
      array(
        select distinct r.rolname || ' ' || coalesce(c.relname, 'schema')
        from pg_roles r
        left join pg_class c on c.relnamespace = 'pgboss'::regnamespace and c.relkind in ('r', 'p', 'S', 'v')
          and (has_table_privilege(r.oid, c.oid, 'select, insert, update, delete') )
        where r.rolname in ('anon', 'authenticated')
          and (has_schema_privilege(r.oid, 'pgboss', 'usage') or c.oid is not null)
      ) as exposed`.catch(() => [{ version: null, queues: 0, exposed: [] }]);
  checks.push({
    ok: queue?.version === QUEUE_SCHEMA_VERSION && queue.queues === QUEUES.length,
    label:
      queue?.version === QUEUE_SCHEMA_VERSION
        ? `pg-boss schema at version ${QUEUE_SCHEMA_VERSION} with ${queue.queues} of ${QUEUES.length} queue(s)`
        : `pg-boss schema ${queue?.version === null ? 'is missing' : `at version ${queue?.version}, expected ${QUEUE_SCHEMA_VERSION}`}`,
  });
  checks.push({
    ok: (queue?.exposed.length ?? 0) === 0,
    label:
      (queue?.exposed.length ?? 0) === 0 ? 'anon and authenticated hold nothing in schema pgboss' : `pgboss is exposed: ${queue!.exposed.join(', ')}`,
  });

  return checks;
}
