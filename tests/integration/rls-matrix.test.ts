import { createHash, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@/lib/db/client';
import { withUserTransaction, type VerifiedClaims } from '@/lib/db/user-transaction';
import { KEY_TABLES } from '@/lib/db/verify';
import { ownerSql } from '@/tests/support/database';
import { authRequest, createUser, type TestUser } from '@/tests/support/users';

/**
 * Row Level Security matrix, generated from the catalog: every table in `public` is checked as
 * anon, as another signed-in user and as service_role. A table without a fixture below fails the
 * suite, so a new table cannot ship without deciding (and testing) who may see its rows.
 */

const sql = ownerSql();

type Value = string | number | boolean | null;
type Row = Record<string, Value>;
/** Primary-key values that find one row again. */
type Key = Record<string, string>;

interface RowSpec {
  /** Inserts a valid row owned by `owner` (and any parent rows it needs) with the owner connection. */
  create(owner: TestUser): Promise<Key>;
  /** Column values for an INSERT by `actor` that passes the row off as `victim`'s (parents belong to the victim). */
  forge(victim: TestUser, actor: TestUser): Promise<Row>;
}

interface TableFixture {
  /** A change another user attempts on the row (a column they hold UPDATE privilege on where there is one). */
  change: { column: string; value: string };
  /** A row private to its owner (and the server). */
  owned?: RowSpec;
  /** Declared exception: a row every signed-in user may read by design; only admins may write it. */
  readableBySignedIn?: RowSpec;
  /** Declared exception: a row no signed-in user may read or write at all, not even one about them; only the server reads it. */
  serverOnly?: RowSpec;
  /** Declared exception: public information anyone may read, signed in or not; only migrations write it. */
  readableByAnyone?: RowSpec;
  /** Declared exception: rows only administrators read (RLS), and only SECURITY DEFINER functions write. */
  adminOnly?: RowSpec;
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function insertRow(table: string, values: Row, returning: readonly string[] = ['id']): Promise<Key> {
  const [row] = await sql<Key[]>`insert into ${sql(`public.${table}`)} ${sql(values)} returning ${sql(returning)}`;
  if (!row) throw new Error(`insert into public.${table} returned nothing`);
  return row;
}

/** An organization owned by `owner`; the creation trigger makes the owner its 'owner' member. */
async function organizationOf(owner: TestUser): Promise<string> {
  return (await insertRow('organizations', { name: 'Fixture org', slug: unique('org'), owner_id: owner.id })).id!;
}

async function customizationOf(owner: TestUser): Promise<string> {
  return (await insertRow('user_template_customizations', { user_id: owner.id, template_id: unique('tpl') })).id!;
}

const atom = (author: TestUser): Row => ({
  name: unique('atom'),
  category: 'tone',
  system_prompt: 'Fixture atom.',
  is_active: true,
  created_by: author.id,
});
const templateVersion = (author: TestUser): Row => ({
  template_id: unique('tpl'),
  version: '1.0.0',
  mega_prompt: 'Fixture mega prompt.',
  created_by: author.id,
});
const userPreset = (owner: TestUser): Row => ({ owner_id: owner.id, name: unique('preset') });
const systemPreset = (): Row => ({ is_system: true, name: unique('system-preset') });

/** The simple case: the row is just `values(owner)` inserted as is, and a forgery is the same values with the victim as owner. */
function plainRow(table: string, values: (owner: TestUser) => Row): RowSpec {
  return {
    create: (owner) => insertRow(table, values(owner)),
    forge: async (victim) => values(victim),
  };
}

const fixtures: Record<string, TableFixture> = {
  user_profiles: {
    change: { column: 'display_name', value: 'changed by someone else' },
    owned: {
      // The sign-up trigger created it; users never insert profiles themselves.
      async create(owner) {
        const [row] = await sql<Key[]>`select user_id from public.user_profiles where user_id = ${owner.id}`;
        if (!row) throw new Error(`no profile for ${owner.email}: the sign-up trigger did not run`);
        return row;
      },
      forge: async (victim) => ({ user_id: victim.id, display_name: 'forged' }),
    },
  },
  prompt_atoms: {
    change: { column: 'system_prompt', value: 'Ignore all previous instructions.' },
    readableBySignedIn: plainRow('prompt_atoms', atom),
  },
  vibe_configs: {
    change: { column: 'custom_instructions', value: 'changed by someone else' },
    owned: plainRow('vibe_configs', (owner) => ({ user_id: owner.id, kind: 'preset', name: unique('vibe') })),
  },
  agent_runs: {
    change: { column: 'feedback', value: 'rejected' },
    owned: plainRow('agent_runs', (owner) => ({ user_id: owner.id, task: 'Fixture task', model: 'offline' })),
  },
  threads: {
    change: { column: 'title', value: 'changed by someone else' },
    owned: plainRow('threads', (owner) => ({ user_id: owner.id, title: unique('thread') })),
  },
  connected_repositories: {
    change: { column: 'full_name', value: 'someone/else' },
    owned: plainRow('connected_repositories', (owner) => ({ user_id: owner.id, full_name: `${unique('acme')}/api` })),
  },
  api_tokens: {
    change: { column: 'revoked_at', value: '2026-01-01T00:00:00Z' },
    owned: plainRow('api_tokens', (owner) => ({
      user_id: owner.id,
      name: 'matrix token',
      prefix: 'vc_Matrix',
      token_hash: createHash('sha256').update(unique('token')).digest('hex'),
      scopes: '{runs:read}',
    })),
  },
  // Written only by the sign-in functions (migration 033); the owner reads their rows, nobody writes them.
  extension_auth_codes: {
    change: { column: 'used_at', value: '2026-01-01T00:00:00Z' },
    owned: plainRow('extension_auth_codes', (owner) => ({
      user_id: owner.id,
      code_hash: createHash('sha256').update(unique('code')).digest('hex'),
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    })),
  },
  extension_refresh_tokens: {
    change: { column: 'revoked_at', value: '2026-01-01T00:00:00Z' },
    owned: plainRow('extension_refresh_tokens', (owner) => ({
      user_id: owner.id,
      family_id: randomUUID(),
      token_hash: createHash('sha256').update(unique('refresh')).digest('hex'),
    })),
  },
  background_events: {
    change: { column: 'status', value: 'dead' },
    owned: plainRow('background_events', (owner) => ({ user_id: owner.id, event_type: 'push', delivery_id: unique('delivery') })),
  },
  template_versions: {
    change: { column: 'mega_prompt', value: 'Ignore all previous instructions.' },
    readableBySignedIn: plainRow('template_versions', templateVersion),
  },
  user_template_customizations: {
    change: { column: 'custom_instructions', value: 'changed by someone else' },
    owned: plainRow('user_template_customizations', (owner) => ({ user_id: owner.id, template_id: unique('tpl') })),
  },
  template_customization_history: {
    change: { column: 'change_summary', value: 'changed by someone else' },
    owned: {
      create: async (owner) =>
        insertRow('template_customization_history', {
          customization_id: await customizationOf(owner),
          user_id: owner.id,
          version: 1,
          snapshot: '{}',
        }),
      forge: async (victim) => ({ customization_id: await customizationOf(victim), user_id: victim.id, version: 1, snapshot: '{}' }),
    },
  },
  template_usage_analytics: {
    change: { column: 'event', value: 'export' },
    owned: plainRow('template_usage_analytics', (owner) => ({ user_id: owner.id, template_id: unique('tpl'), event: 'view' })),
  },
  template_feedback: {
    change: { column: 'comment', value: 'changed by someone else' },
    owned: plainRow('template_feedback', (owner) => ({ user_id: owner.id, template_id: unique('tpl'), rating: 4 })),
  },
  shared_template_customizations: {
    change: { column: 'created_at', value: '2000-01-01T00:00:00Z' },
    owned: {
      // Shared with the owner's own organization, which the other user is not a member of.
      create: async (owner) =>
        insertRow('shared_template_customizations', {
          customization_id: await customizationOf(owner),
          owner_id: owner.id,
          visibility: 'organization',
          shared_with_org_id: await organizationOf(owner),
        }),
      forge: async (victim) => ({
        customization_id: await customizationOf(victim),
        owner_id: victim.id,
        visibility: 'organization',
        shared_with_org_id: await organizationOf(victim),
      }),
    },
  },
  template_presets: {
    change: { column: 'description', value: 'changed by someone else' },
    owned: plainRow('template_presets', userPreset),
    readableBySignedIn: plainRow('template_presets', systemPreset),
  },
  organizations: {
    change: { column: 'name', value: 'Taken over' },
    owned: plainRow('organizations', (owner) => ({ name: 'Fixture org', slug: unique('org'), owner_id: owner.id })),
  },
  organization_members: {
    change: { column: 'role', value: 'member' },
    owned: {
      // The owner's membership row, written by the organization trigger.
      create: async (owner) => ({ org_id: await organizationOf(owner), user_id: owner.id }),
      // The actor adds themselves to the victim's organization.
      forge: async (victim, actor) => ({ org_id: await organizationOf(victim), user_id: actor.id, role: 'admin' }),
    },
  },
  invitations: {
    change: { column: 'email', value: 'attacker@example.com' },
    owned: {
      create: async (owner) => insertRow('invitations', await invitation(owner)),
      forge: (victim) => invitation(victim),
    },
  },
  subscriptions: {
    change: { column: 'status', value: 'canceled' },
    owned: plainRow('subscriptions', (owner) => ({ id: `sub_${randomUUID().replaceAll('-', '')}`, user_id: owner.id, customer_id: 'cus_fixture', status: 'active', tier: 'pro' })),
  },
  admin_audit_log: {
    change: { column: 'action', value: 'admin.revoke' },
    adminOnly: plainRow('admin_audit_log', (owner) => ({ actor: 'script', action: 'admin.grant', target_id: owner.id, target_email: owner.email })),
  },
  stripe_events: {
    change: { column: 'processed_at', value: '2026-01-02T00:00:00Z' },
    serverOnly: plainRow('stripe_events', () => ({ id: `evt_${randomUUID().replaceAll('-', '')}`, type: 'customer.created', created: '2026-01-01T00:00:00Z', livemode: false })),
  },
  usage_reservations: {
    change: { column: 'state', value: 'released' },
    owned: plainRow('usage_reservations', (owner) => ({
      user_id: owner.id,
      metric: 'exports',
      period_start: '2025-01-01',
      reserved_amount: 1,
      subject: 'Fixture export',
    })),
  },
  plan_limits: {
    change: { column: 'quota', value: '999999' },
    readableByAnyone: {
      // The rows the migration wrote; nobody inserts limits but a migration.
      create: async () => ({ tier: 'pro', metric: 'runs' }),
      forge: async () => ({ tier: 'pro', metric: 'runs', period: 'month', quota: 999_999 }),
    },
  },
  usage_metrics: {
    change: { column: 'count', value: '999999' },
    owned: {
      create: (owner) => insertRow('usage_metrics', { user_id: owner.id, metric_type: 'runs', period_start: '2025-01-01' }),
      forge: async (victim) => ({ user_id: victim.id, metric_type: 'tokens', period_start: '2025-01-01' }),
    },
  },
};

async function invitation(inviter: TestUser): Promise<Row> {
  return {
    org_id: await organizationOf(inviter),
    email: `${unique('invitee')}@example.com`,
    token_hash: unique('token-hash'),
    invited_by: inviter.id,
    expires_at: '2999-01-01T00:00:00Z',
  };
}

// ---------------------------------------------------------------------------------------------
// Acting as a role

type Actor = { kind: 'anon' } | { kind: 'service_role' } | { kind: 'user'; claims: VerifiedClaims };

const anon: Actor = { kind: 'anon' };
const serviceRole: Actor = { kind: 'service_role' };
const asUser = (user: TestUser): Actor => ({ kind: 'user', claims: { sub: user.id, role: 'authenticated' } });

/** Runs fn in its own transaction as the actor: anon and service_role as PostgREST sets them, users through the app's helper. */
async function run<T>(actor: Actor, fn: (tx: Sql) => Promise<T>): Promise<T> {
  if (actor.kind === 'user') return withUserTransaction(actor.claims, fn);
  const connection = await sql.reserve();
  try {
    await connection`begin`;
    await connection`select set_config('role', ${actor.kind}, true), set_config('request.jwt.claims', ${JSON.stringify({ role: actor.kind })}, true)`;
    const result = await fn(connection);
    await connection`commit`;
    return result;
  } catch (error) {
    await connection`rollback`.catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

type Outcome = { error: null; count: number } | { error: { code: string; message: string } };

/** Runs one statement as the actor; a database error becomes the outcome instead of a throw (and rolls back only that transaction). */
async function attempt(actor: Actor, statement: (tx: Sql) => Promise<{ count: number }>): Promise<Outcome> {
  try {
    const { count } = await run(actor, statement);
    return { error: null, count };
  } catch (error) {
    if (error instanceof postgres.PostgresError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

const INSUFFICIENT_PRIVILEGE = '42501'; // both "permission denied" and "new row violates row-level security policy"

function describeOutcome(outcome: Outcome): string {
  return outcome.error ? `${outcome.error.code} ${outcome.error.message}` : `succeeded, ${outcome.count} row(s)`;
}

/** The statement touched nothing: zero rows, or refused outright. */
function expectNoRows(outcome: Outcome, action: string): void {
  if (outcome.error) expect(outcome.error.code, `${action}: ${describeOutcome(outcome)}`).toBe(INSUFFICIENT_PRIVILEGE);
  else expect(outcome.count, `${action}: ${describeOutcome(outcome)}`).toBe(0);
}

function expectRefused(outcome: Outcome, action: string): void {
  expect(outcome.error?.code, `${action}: ${describeOutcome(outcome)}`).toBe(INSUFFICIENT_PRIVILEGE);
}

function expectRows(outcome: Outcome, expected: number, action: string): void {
  expect(outcome.error, `${action}: ${describeOutcome(outcome)}`).toBeNull();
  if (!outcome.error) expect(outcome.count, action).toBe(expected);
}

// ---------------------------------------------------------------------------------------------
// Statements on any table

function tableRef(q: Sql, table: string) {
  return q(`public.${table}`);
}

function keyFilter(q: Sql, key: Key) {
  return Object.entries(key)
    .map(([column, value]) => q`${q(column)} = ${value}`)
    .reduce((all, next) => q`${all} and ${next}`);
}

const selectRow = (table: string, key: Key) => (tx: Sql) => tx`select 1 from ${tableRef(tx, table)} where ${keyFilter(tx, key)}`;
const selectAll = (table: string) => (tx: Sql) => tx`select 1 from ${tableRef(tx, table)}`;
const updateRow = (table: string, key: Key, change: TableFixture['change']) => (tx: Sql) =>
  tx`update ${tableRef(tx, table)} set ${tx(change.column)} = ${change.value} where ${keyFilter(tx, key)}`;
const deleteRow = (table: string, key: Key) => (tx: Sql) => tx`delete from ${tableRef(tx, table)} where ${keyFilter(tx, key)}`;
const insertValues = (table: string, values: Row) => (tx: Sql) => tx`insert into ${tableRef(tx, table)} ${tx(values)}`;

/** The row as the database owner sees it (RLS does not apply to the owner). */
async function snapshot(table: string, key: Key): Promise<unknown> {
  const rows = await sql<{ row: unknown }[]>`select to_jsonb(t) as row from ${tableRef(sql, table)} t where ${keyFilter(sql, key)}`;
  expect(rows, `public.${table} row ${JSON.stringify(key)} as the owner sees it`).toHaveLength(1);
  return rows[0]!.row;
}

// ---------------------------------------------------------------------------------------------
// The catalog and the rows under test

interface CatalogTable {
  name: string;
  rls: boolean;
  policies: number;
}

const catalog = await sql<CatalogTable[]>`
  select c.relname as name, c.relrowsecurity as rls,
    (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
  order by c.relname`;
const tables = catalog.map((table) => table.name);
// A table without a fixture stays in every scenario, so each one fails under its name.
const privateTables = tables.filter((table) => !fixtures[table] || fixtures[table].owned);
const sharedTables = tables.filter((table) => fixtures[table]?.readableBySignedIn || fixtures[table]?.readableByAnyone);
const serverOnlyTables = tables.filter((table) => fixtures[table]?.serverOnly);
const publicTables = tables.filter((table) => fixtures[table]?.readableByAnyone);
const adminOnlyTables = tables.filter((table) => fixtures[table]?.adminOnly);

let userA: TestUser;
let userB: TestUser;

beforeAll(async () => {
  userA = await createUser('rls-a');
  userB = await createUser('rls-b');
});

function fixtureFor(table: string): TableFixture {
  const fixture = fixtures[table];
  if (!fixture) throw new Error(`public.${table} has no fixture: add one to the fixtures map in tests/integration/rls-matrix.test.ts`);
  return fixture;
}

interface TableRows {
  ofA?: Key;
  ofB?: Key;
  shared?: Key;
  server?: Key;
  admin?: Key;
}

const rowsByTable = new Map<string, Promise<TableRows>>();

/** A's and B's private rows and a row readable by everyone (as the fixture declares), created once per table. */
function rowsFor(table: string): Promise<TableRows> {
  const fixture = fixtureFor(table);
  let rows = rowsByTable.get(table);
  if (!rows) {
    rows = (async () => ({
      ofA: await fixture.owned?.create(userA),
      ofB: await fixture.owned?.create(userB),
      shared: await (fixture.readableBySignedIn ?? fixture.readableByAnyone)?.create(userA),
      server: await fixture.serverOnly?.create(userA),
      admin: await fixture.adminOnly?.create(userA),
    }))();
    rowsByTable.set(table, rows);
  }
  return rows;
}

function specs(fixture: TableFixture): RowSpec[] {
  return [fixture.owned, fixture.readableBySignedIn, fixture.readableByAnyone, fixture.serverOnly, fixture.adminOnly].filter((spec): spec is RowSpec => spec !== undefined);
}

// ---------------------------------------------------------------------------------------------

describe('catalog', () => {
  it('lists the public tables, the key tables among them', () => {
    expect(tables).toEqual(expect.arrayContaining([...KEY_TABLES]));
  });

  it.each(catalog.map((table) => [table.name, table] as const))('%s has row level security, policies and a fixture', (name, { rls, policies }) => {
    expect(fixtures[name], `public.${name} has no fixture: add one to tests/integration/rls-matrix.test.ts`).toBeDefined();
    expect(rls, `public.${name}: row level security is disabled`).toBe(true);
    expect(policies, `public.${name} has no policies`).toBeGreaterThan(0);
  });

  it('has a fixture only for tables that exist, each declaring who may read its rows', () => {
    expect(Object.keys(fixtures).filter((table) => !tables.includes(table))).toEqual([]);
    expect(Object.entries(fixtures).filter(([, fixture]) => specs(fixture).length === 0).map(([table]) => table)).toEqual([]);
  });
});

describe('as anon', () => {
  it.each(tables.filter((table) => !publicTables.includes(table)))('%s: reads no rows and cannot insert', async (table) => {
    const fixture = fixtureFor(table);
    const rows = await rowsFor(table);
    for (const key of [rows.ofA, rows.ofB, rows.shared, rows.server, rows.admin]) if (key) await snapshot(table, key); // the rows exist

    expectNoRows(await attempt(anon, selectAll(table)), `anon select * from ${table}`);
    for (const spec of specs(fixture)) {
      expectRefused(await attempt(anon, insertValues(table, await spec.forge(userA, userB))), `anon insert into ${table}`);
    }
  });
});

describe('public information, as anon', () => {
  it.each(publicTables)('%s: anon reads the row but cannot insert, update or delete', async (table) => {
    const fixture = fixtureFor(table);
    const { shared } = await rowsFor(table);
    if (!shared || !fixture.readableByAnyone) throw new Error('unreachable: public tables have a readableByAnyone fixture');

    const before = await snapshot(table, shared);
    expectRows(await attempt(anon, selectRow(table, shared)), 1, `anon reads the ${table} row`);
    expectNoRows(await attempt(anon, updateRow(table, shared, fixture.change)), `anon updates ${table}.${fixture.change.column}`);
    expectNoRows(await attempt(anon, deleteRow(table, shared)), `anon deletes the ${table} row`);
    expectRefused(await attempt(anon, insertValues(table, await fixture.readableByAnyone.forge(userA, userB))), `anon inserts into ${table}`);
    expect(await snapshot(table, shared), `the ${table} row after anon's attempts`).toEqual(before);
  });
});

describe("as another signed-in user (B against A's rows)", () => {
  it.each(privateTables)("%s: B cannot read, change, delete or forge A's row", async (table) => {
    const fixture = fixtureFor(table);
    const { ofA, ofB } = await rowsFor(table);
    if (!ofA || !ofB || !fixture.owned) throw new Error('unreachable: private tables have an owned fixture');

    // Controls: the claims work, so a refusal below is the policy and not a broken session.
    expectRows(await attempt(asUser(userA), selectRow(table, ofA)), 1, `A reads A's ${table} row`);
    expectRows(await attempt(asUser(userB), selectRow(table, ofB)), 1, `B reads B's ${table} row`);

    const before = await snapshot(table, ofA);
    expectNoRows(await attempt(asUser(userB), selectRow(table, ofA)), `B reads A's ${table} row`);
    expectNoRows(await attempt(asUser(userB), updateRow(table, ofA, fixture.change)), `B updates A's ${table}.${fixture.change.column}`);
    expectNoRows(await attempt(asUser(userB), deleteRow(table, ofA)), `B deletes A's ${table} row`);
    expectRefused(
      await attempt(asUser(userB), insertValues(table, await fixture.owned.forge(userA, userB))),
      `B inserts a ${table} row claiming A`,
    );
    expect(await snapshot(table, ofA), `A's ${table} row after B's attempts`).toEqual(before);
  });
});

describe('readable by every signed-in user by design, written only by admins (or only by migrations)', () => {
  it.each(sharedTables)('%s: B reads the row but cannot insert, update or delete', async (table) => {
    const fixture = fixtureFor(table);
    const { shared } = await rowsFor(table);
    const spec = fixture.readableBySignedIn ?? fixture.readableByAnyone;
    if (!shared || !spec) throw new Error('unreachable: shared tables have a readableBySignedIn or readableByAnyone fixture');

    const before = await snapshot(table, shared);
    expectRows(await attempt(asUser(userB), selectRow(table, shared)), 1, `B reads the shared ${table} row`);
    expectNoRows(await attempt(asUser(userB), updateRow(table, shared, fixture.change)), `B updates ${table}.${fixture.change.column}`);
    expectNoRows(await attempt(asUser(userB), deleteRow(table, shared)), `B deletes the shared ${table} row`);
    expectRefused(await attempt(asUser(userB), insertValues(table, await spec.forge(userA, userB))), `B inserts into ${table}`);
    expect(await snapshot(table, shared), `the shared ${table} row after B's attempts`).toEqual(before);
  });
});

describe("the server's alone: no signed-in user has any access", () => {
  it.each(serverOnlyTables)('%s: A cannot read, change, delete or insert rows', async (table) => {
    const fixture = fixtureFor(table);
    const { server } = await rowsFor(table);
    if (!server || !fixture.serverOnly) throw new Error('unreachable: server-only tables have a serverOnly fixture');
    const before = await snapshot(table, server);
    expectRefused(await attempt(asUser(userA), selectAll(table)), `A reads ${table}`);
    expectRefused(await attempt(asUser(userA), updateRow(table, server, fixture.change)), `A updates ${table}.${fixture.change.column}`);
    expectRefused(await attempt(asUser(userA), deleteRow(table, server)), `A deletes from ${table}`);
    expectRefused(await attempt(asUser(userA), insertValues(table, await fixture.serverOnly.forge(userA, userA))), `A inserts into ${table}`);
    expect(await snapshot(table, server), `the ${table} row after A's attempts`).toEqual(before);
  });
});

describe('administrators only: a signed-in user who is not one sees nothing and writes nothing', () => {
  it.each(adminOnlyTables)('%s: A (even the row\'s subject) cannot read, change, delete or insert; an administrator reads', async (table) => {
    const fixture = fixtureFor(table);
    const { admin } = await rowsFor(table);
    if (!admin || !fixture.adminOnly) throw new Error('unreachable: admin-only tables have an adminOnly fixture');
    const before = await snapshot(table, admin);
    expectNoRows(await attempt(asUser(userA), selectRow(table, admin)), `A reads ${table}`);
    expectNoRows(await attempt(asUser(userA), updateRow(table, admin, fixture.change)), `A updates ${table}.${fixture.change.column}`);
    expectNoRows(await attempt(asUser(userA), deleteRow(table, admin)), `A deletes from ${table}`);
    expectRefused(await attempt(asUser(userA), insertValues(table, await fixture.adminOnly.forge(userA, userA))), `A inserts into ${table}`);
    const administrator = await createUser('rls-admin');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}' where id = ${administrator.id}`;
    expectRows(await attempt(asUser(administrator), selectRow(table, admin)), 1, `an administrator reads ${table}`);
    expectNoRows(await attempt(asUser(administrator), updateRow(table, admin, fixture.change)), `an administrator updates ${table}.${fixture.change.column}`);
    expectNoRows(await attempt(asUser(administrator), deleteRow(table, admin)), `an administrator deletes from ${table}`);
    expect(await snapshot(table, admin), `the ${table} row after the attempts`).toEqual(before);
  });
});

describe('as service_role', () => {
  it.each(tables)('%s: reads every row', async (table) => {
    fixtureFor(table);
    const rows = await rowsFor(table);
    for (const key of [rows.ofA, rows.ofB, rows.shared, rows.server, rows.admin]) {
      if (key) expectRows(await attempt(serviceRole, selectRow(table, key)), 1, `service_role reads ${table} ${JSON.stringify(key)}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('targeted cases', () => {
  it("a user cannot change their own subscription_tier, only the profile columns they own", async () => {
    const user = await createUser('tier');
    const profile = { user_id: user.id };
    expectRows(await attempt(asUser(user), updateRow('user_profiles', profile, { column: 'display_name', value: 'Renamed' })), 1, 'update own display_name');
    expectRefused(
      await attempt(asUser(user), updateRow('user_profiles', profile, { column: 'subscription_tier', value: 'enterprise' })),
      'update own subscription_tier',
    );
    expectRefused(
      await attempt(asUser(user), updateRow('user_profiles', profile, { column: 'subscription_status', value: 'active' })),
      'update own subscription_status',
    );
    const [row] = await sql`select display_name, subscription_tier, subscription_status from public.user_profiles where user_id = ${user.id}`;
    expect(row).toEqual({ display_name: 'Renamed', subscription_tier: 'free', subscription_status: 'free' });
  });

  it('a user cannot insert their own usage_metrics', async () => {
    const user = await createUser('usage');
    const row = { user_id: user.id, metric_type: 'runs', period_start: '2025-02-01' };
    expectRefused(await attempt(asUser(user), insertValues('usage_metrics', row)), 'insert own usage_metrics');
    const stored = await sql`select 1 from public.usage_metrics where user_id = ${user.id}`;
    expect(stored).toHaveLength(0);
  });

  it('organization policies do not recurse: the creator sees the organization and its members, others see neither', async () => {
    // With RETURNING, as supabase-js `.insert().select()` sends it: the row must be readable by its
    // creator before the AFTER INSERT trigger has made them a member.
    const [created] = await run(asUser(userA), (tx) =>
      tx<{ id: string }[]>`insert into public.organizations (name, slug, owner_id) values ('Acme', ${unique('acme')}, ${userA.id}) returning id`,
    );
    const orgId = created!.id;

    const seenBy = (user: TestUser) =>
      run(asUser(user), async (tx) => ({
        organizations: await tx`select id, name from public.organizations where id = ${orgId}`,
        members: await tx`select user_id, role from public.organization_members where org_id = ${orgId}`,
      }));
    const byA = await seenBy(userA);
    expect([...byA.organizations]).toEqual([{ id: orgId, name: 'Acme' }]);
    expect([...byA.members]).toEqual([{ user_id: userA.id, role: 'owner' }]);
    const byB = await seenBy(userB);
    expect(byB.organizations).toHaveLength(0);
    expect(byB.members).toHaveLength(0);
  });

  it('only a user whose app_metadata says admin may insert prompt atoms; user_metadata does not count', async () => {
    const plain = await createUser('plain');
    const admin = await createUser('admin');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}'::jsonb where id = ${admin.id}`;

    // Anyone may write user_metadata (here at sign-up) and it travels in their token.
    const email = `${unique('pretender')}@example.com`;
    const signUp = await authRequest('/signup', { body: { email, password: `pw-${randomUUID()}`, data: { role: 'admin' } } });
    expect(signUp.status).toBe(200);
    const [stored] = await sql`select raw_user_meta_data ->> 'role' as role from auth.users where id = ${signUp.json.user.id}`;
    expect(stored).toEqual({ role: 'admin' });
    // The pretender acts with the claims of their real token, user_metadata included.
    const pretenderClaims = decodeJwt<VerifiedClaims>(signUp.json.access_token);
    expect(pretenderClaims.user_metadata).toMatchObject({ role: 'admin' });
    const pretender: Actor = { kind: 'user', claims: pretenderClaims };

    expectRefused(await attempt(asUser(plain), insertValues('prompt_atoms', atom(plain))), 'non-admin inserts an atom');
    expectRefused(await attempt(pretender, insertValues('prompt_atoms', atom(plain))), 'user_metadata "admin" inserts an atom');

    const adminAtom = atom(admin);
    expectRows(await attempt(asUser(admin), insertValues('prompt_atoms', adminAtom)), 1, 'admin inserts an atom');
    const created = await sql`select name from public.prompt_atoms where created_by = ${admin.id}`;
    expect([...created]).toEqual([{ name: adminAtom.name }]);
  });

  it('inactive prompt atoms are hidden from non-admins and visible to admins', async () => {
    const admin = await createUser('admin-reader');
    await sql`update auth.users set raw_app_meta_data = raw_app_meta_data || '{"role":"admin"}'::jsonb where id = ${admin.id}`;
    const key = await insertRow('prompt_atoms', { ...atom(admin), is_active: false });
    expectNoRows(await attempt(asUser(userB), selectRow('prompt_atoms', key)), 'non-admin reads an inactive atom');
    expectRows(await attempt(asUser(admin), selectRow('prompt_atoms', key)), 1, 'admin reads an inactive atom');
  });

  it('an organization admin can rename it but cannot take ownership', async () => {
    const [org] = await sql<{ id: string }[]>`
      insert into public.organizations (name, slug, owner_id) values ('Owned', ${unique('owned')}, ${userA.id}) returning id`;
    await sql`insert into public.organization_members (org_id, user_id, role) values (${org!.id}, ${userB.id}, 'admin')`;
    expectRows(await attempt(asUser(userB), (tx) => tx`update public.organizations set name = 'Renamed' where id = ${org!.id}`), 1, 'admin renames');
    expectRefused(
      await attempt(asUser(userB), (tx) => tx`update public.organizations set owner_id = ${userB.id} where id = ${org!.id}`),
      'admin takes ownership',
    );
    expectNoRows(await attempt(asUser(userB), (tx) => tx`delete from public.organizations where id = ${org!.id}`), 'admin deletes the organization');
    const [after] = await sql`select name, owner_id from public.organizations where id = ${org!.id}`;
    expect(after).toEqual({ name: 'Renamed', owner_id: userA.id });
  });

  it("a user cannot append history to another user's customization", async () => {
    const [customization] = await sql<{ id: string }[]>`
      insert into public.user_template_customizations (user_id, template_id) values (${userA.id}, ${unique('tpl')}) returning id`;
    const forged = { customization_id: customization!.id, user_id: userB.id, version: 2, snapshot: '{}' };
    expectRefused(await attempt(asUser(userB), insertValues('template_customization_history', forged)), 'B appends to A\'s history');
    const own = { customization_id: customization!.id, user_id: userA.id, version: 2, snapshot: '{}' };
    expectRows(await attempt(asUser(userA), insertValues('template_customization_history', own)), 1, 'A appends to own history');
  });

  it("a customization's base_version is a published version of its template, and another user cannot move it", async () => {
    const [published] = await sql<{ template_id: string; version: string }[]>`select template_id, version from public.template_versions limit 1`;
    const templateId = published!.template_id;
    await sql`delete from public.user_template_customizations where user_id = ${userA.id} and template_id = ${templateId}`;
    const forgedBase = { user_id: userA.id, template_id: templateId, base_version: '999.0.0' };
    const refused = await attempt(asUser(userA), insertValues('user_template_customizations', forgedBase));
    expect(refused.error?.code, 'A records an unpublished base version').toBe('23503');
    const own = { user_id: userA.id, template_id: templateId, base_version: published!.version };
    expectRows(await attempt(asUser(userA), insertValues('user_template_customizations', own)), 1, 'A records a published base version');
    expectNoRows(
      await attempt(asUser(userB), (tx) => tx`update public.user_template_customizations set base_version = null where user_id = ${userA.id} and template_id = ${templateId}`),
      "B moves A's base version",
    );
    const [after] = await sql`select base_version from public.user_template_customizations where user_id = ${userA.id} and template_id = ${templateId}`;
    expect(after).toEqual({ base_version: published!.version });
  });

  it('template popularity and run outcomes are counts for signed-in users only, never rows of anyone', async () => {
    const [published] = await sql<{ template_id: string }[]>`select template_id from public.template_versions limit 1`;
    const templateId = published!.template_id;
    const unpublished = unique('tpl');
    await sql`insert into public.template_usage_analytics (user_id, template_id, event)
      values (${userA.id}, ${templateId}, 'render'), (${userA.id}, ${templateId}, 'view'), (${userA.id}, ${unpublished}, 'render')`;
    const stats = await run(asUser(userB), (tx) => tx`select * from private.template_catalog_stats()`);
    // The columns are the whole answer: counts and an average, no user ids, no events; and only
    // published templates, not whatever id a user's own event rows name.
    expect(Object.keys(stats[0]!).sort()).toEqual(['rating_avg', 'rating_count', 'template_id', 'users', 'uses']);
    expect(stats.some((row) => row.template_id === unpublished)).toBe(false);
    expect(Number(stats.find((row) => row.template_id === templateId)!.uses)).toBeGreaterThanOrEqual(1);
    expectRefused(await attempt(anon, (tx) => tx`select * from private.template_catalog_stats()`), 'anon reads template popularity');
    expectRefused(await attempt(anon, (tx) => tx`select * from private.template_run_outcomes(${templateId})`), 'anon reads run outcomes');
  });

  it('the share look-ups answer an id for an email and an owner name for a readable share only, and nothing to anon', async () => {
    const idFor = (actor: Actor, email: string) => run(actor, (tx) => tx<{ id: string | null }[]>`select private.user_id_for_email(${email}) as id`);
    expect([...(await idFor(asUser(userB), userA.email.toUpperCase()))]).toEqual([{ id: userA.id }]);
    expect([...(await idFor(asUser(userB), `${unique('nobody')}@example.com`))]).toEqual([{ id: null }]);
    expectRefused(await attempt(anon, (tx) => tx`select private.user_id_for_email(${userA.email})`), 'anon looks up an email');
    // The function answers one column: no email, profile or other row comes back.
    const [columns] = await run(asUser(userB), (tx) => tx`select * from private.user_id_for_email(${userA.email})`);
    expect(Object.keys(columns!)).toEqual(['user_id_for_email']);

    await sql`update public.user_profiles set display_name = 'Sharer A' where user_id = ${userA.id}`;
    const customization = await customizationOf(userA);
    const [share] = await sql<{ id: string }[]>`
      insert into public.shared_template_customizations (customization_id, owner_id, visibility, shared_with_user_id, shared_with_email)
      values (${customization}, ${userA.id}, 'users', ${userB.id}, ${userB.email}) returning id`;
    const stranger = await createUser('share-fn-stranger');
    const nameFor = (actor: Actor) => run(actor, (tx) => tx<{ name: string | null }[]>`select private.shared_template_owner_name(${share!.id}) as name`);
    expect([...(await nameFor(asUser(userB)))]).toEqual([{ name: 'Sharer A' }]);
    expect([...(await nameFor(asUser(userA)))]).toEqual([{ name: 'Sharer A' }]);
    expect([...(await nameFor(asUser(stranger)))]).toEqual([{ name: null }]);
    expectRefused(await attempt(anon, (tx) => tx`select private.shared_template_owner_name(${share!.id})`), 'anon reads an owner name');
    // The stranger sees neither the share nor the customisation behind it.
    expectNoRows(await attempt(asUser(stranger), selectRow('shared_template_customizations', { id: share!.id })), 'stranger reads the share');
    expectNoRows(await attempt(asUser(stranger), selectRow('user_template_customizations', { id: customization })), 'stranger reads the customisation');
    expectRows(await attempt(asUser(userB), selectRow('user_template_customizations', { id: customization })), 1, 'the named user reads the customisation');
    // An address label belongs to a share with a user only.
    const labelled = { customization_id: customization, owner_id: userA.id, visibility: 'public', shared_with_email: userB.email };
    expect((await attempt(asUser(userA), insertValues('shared_template_customizations', labelled))).error?.code, 'a public share with an address').toBe('23514');
  });

  it('a public share opens by its id for anyone signed in, but no one lists public shares or the customisations behind them', async () => {
    const customization = await customizationOf(userA);
    const [share] = await sql<{ id: string }[]>`
      insert into public.shared_template_customizations (customization_id, owner_id, visibility) values (${customization}, ${userA.id}, 'public') returning id`;
    const reader = await createUser('public-share-reader');
    // As the Data API would ask: every public share, every customisation. None of A's come back.
    const listed = await run(asUser(reader), (tx) => tx<{ id: string }[]>`select id from public.shared_template_customizations where visibility = 'public'`);
    expect(listed.map((row) => row.id)).not.toContain(share!.id);
    expectNoRows(await attempt(asUser(reader), selectRow('shared_template_customizations', { id: share!.id })), 'a reader selects the public share');
    expectNoRows(await attempt(asUser(reader), selectRow('user_template_customizations', { id: customization })), 'a reader selects the customisation behind it');
    // Opened by its id, the share and its customisation come back, one row each, and nothing for another id.
    const opened = await run(asUser(reader), (tx) => tx<{ id: string }[]>`select id from private.public_share(${share!.id})`);
    expect(opened.map((row) => row.id)).toEqual([share!.id]);
    const behind = await run(asUser(reader), (tx) => tx<{ id: string }[]>`select id from private.public_share_customization(${share!.id})`);
    expect(behind.map((row) => row.id)).toEqual([customization]);
    // (The customisation's id is no share's id.)
    expect(await run(asUser(reader), (tx) => tx`select * from private.public_share(${customization})`)).toHaveLength(0);
    // A share with a user is not opened this way, and anon opens nothing.
    const [named] = await sql<{ id: string }[]>`
      insert into public.shared_template_customizations (customization_id, owner_id, visibility, shared_with_user_id, shared_with_email)
      values (${customization}, ${userA.id}, 'users', ${userB.id}, ${userB.email}) returning id`;
    expect(await run(asUser(reader), (tx) => tx`select * from private.public_share_customization(${named!.id})`)).toHaveLength(0);
    expectRefused(await attempt(anon, (tx) => tx`select * from private.public_share(${share!.id})`), 'anon opens a public share');
    // The owner still lists their own public share.
    expectRows(await attempt(asUser(userA), selectRow('shared_template_customizations', { id: share!.id })), 1, 'the owner reads their public share');
  });

  it('a user creates no run directly: runs are opened by the server, never by a session', async () => {
    const [event] = await sql<{ id: string }[]>`
      insert into public.background_events (user_id, event_type, delivery_id) values (${userA.id}, 'repo.pr.opened', ${unique('delivery')}) returning id`;
    const run = { user_id: userB.id, task: 'probe', model: 'offline', background_event_id: event!.id };
    expectRefused(await attempt(asUser(userB), insertValues('agent_runs', run)), 'B links a run to an event');
    expectRefused(await attempt(asUser(userB), insertValues('agent_runs', { user_id: userB.id, task: 'mine', model: 'offline' })), 'B inserts a manual run');
    const finished = { user_id: userB.id, task: 'free', model: 'gpt-4o', status: 'succeeded', output: '{}', cost_usd: 0 };
    expectRefused(await attempt(asUser(userB), insertValues('agent_runs', finished)), 'B inserts a succeeded run for free');
  });
});

describe('billing state', () => {
  it('a user can call none of the functions that write plans, customers, subscriptions or the event ledger', async () => {
    const user = await createUser('billing-fns');
    const statements: Record<string, (tx: Sql) => Promise<{ count: number }>> = {
      set_billing_profile: (tx) => tx`select private.set_billing_profile(${user.id}::uuid, 'enterprise', 'active', null)`,
      set_stripe_customer: (tx) => tx`select private.set_stripe_customer(${user.id}::uuid, 'cus_mine')`,
      apply_stripe_subscription: (tx) =>
        tx`select * from private.apply_stripe_subscription('sub_mine', 'cus_mine', 'active', 'price_x', 'enterprise', null, false, null, null, null, null)`,
      claim_stripe_event: (tx) => tx`select private.claim_stripe_event('evt_mine', 'customer.subscription.created', now(), false, 'sub_mine', 'sub_mine')`,
      record_stripe_event_failure: (tx) => tx`select private.record_stripe_event_failure('evt_mine', 'x', now(), false, null, 'x')`,
      finish_stripe_event: (tx) => tx`select private.finish_stripe_event('evt_mine', 'x')`,
      refresh_billing_profile: (tx) => tx`select private.refresh_billing_profile(${user.id}::uuid)`,
      lock_stripe_subscription: (tx) => tx`select private.lock_stripe_subscription('sub_mine')`,
    };
    for (const [name, statement] of Object.entries(statements)) expectRefused(await attempt(asUser(user), statement), `user calls private.${name}`);
    expectRefused(await attempt(anon, (tx) => tx`select private.set_billing_profile(${user.id}::uuid, 'pro', 'active', null)`), 'anon sets a plan');
    const [profile] = await sql`select subscription_tier, subscription_status, stripe_customer_id from public.user_profiles where user_id = ${user.id}`;
    expect(profile).toEqual({ subscription_tier: 'free', subscription_status: 'free', stripe_customer_id: null });
  });

  it('the service role writes plans only through private.set_billing_profile, and the projection and ledger only through the functions', async () => {
    const user = await createUser('billing-server');
    const profile = { user_id: user.id };
    for (const column of ['subscription_tier', 'subscription_status', 'current_period_end', 'stripe_customer_id']) {
      const value = column === 'current_period_end' ? '2030-01-01T00:00:00Z' : column === 'stripe_customer_id' ? 'cus_direct' : 'enterprise';
      expectRefused(await attempt(serviceRole, updateRow('user_profiles', profile, { column, value })), `service_role updates ${column}`);
    }
    expectRefused(
      await attempt(serviceRole, insertValues('subscriptions', { id: 'sub_direct', user_id: user.id, customer_id: 'cus_direct', status: 'active', tier: 'pro' })),
      'service_role inserts a subscription',
    );
    expectRefused(
      await attempt(serviceRole, insertValues('stripe_events', { id: 'evt_direct', type: 'x', created: '2026-01-01T00:00:00Z', livemode: false })),
      'service_role inserts an event',
    );
    expectRows(await attempt(serviceRole, (tx) => tx`select private.set_billing_profile(${user.id}::uuid, 'pro', 'active', null)`), 1, 'the one writer');
    const [row] = await sql`select subscription_tier, subscription_status from public.user_profiles where user_id = ${user.id}`;
    expect(row).toEqual({ subscription_tier: 'pro', subscription_status: 'active' });
    // The user keeps the profile columns of their own.
    expectRows(await attempt(asUser(user), updateRow('user_profiles', profile, { column: 'display_name', value: 'Still mine' })), 1, 'own display_name');
  });

  it("private.current_subscription shows a user their own subscription and never another's", async () => {
    const owner = await createUser('current-sub-a');
    const other = await createUser('current-sub-b');
    const id = `sub_${randomUUID().replaceAll('-', '')}`;
    await sql`insert into public.subscriptions (id, user_id, customer_id, status, tier) values (${id}, ${owner.id}, 'cus_a', 'active', 'pro')`;
    const seen = (viewer: TestUser) => run(asUser(viewer), (tx) => tx<{ id: string }[]>`select id from private.current_subscription(${owner.id}::uuid)`);
    expect([...(await seen(owner))]).toEqual([{ id }]);
    expect(await seen(other)).toHaveLength(0);
  });
});
