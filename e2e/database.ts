import { readFile } from 'node:fs/promises';
import postgres from 'postgres';
import { E2E_DATABASE_URL_FILE } from '../scripts/lib/e2e-database-url';

/**
 * What only the server may do, done the way scripts/admin-grant.ts does it, on the throwaway
 * database scripts/e2e-server.ts runs the app on. One short-lived connection: the embedded PGlite
 * serves one session at a time, so nothing is kept open between calls.
 */

async function withDatabase<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  let url: string;
  try {
    url = (await readFile(E2E_DATABASE_URL_FILE, 'utf8')).trim();
  } catch (error) {
    throw new Error(`No test database URL in ${E2E_DATABASE_URL_FILE}: is scripts/e2e-server.ts running?`, { cause: error });
  }
  const sql = postgres(url, { max: 1, prepare: false, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Makes the account with this email an administrator (app_metadata.role = 'admin'). */
export async function grantAdmin(email: string): Promise<void> {
  const rows = await withDatabase(
    (sql) => sql`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role":"admin"}'::jsonb
      where lower(email) = lower(${email}) returning id`,
  );
  if (rows.length !== 1) throw new Error(`grantAdmin: expected one user with email ${email}, found ${rows.length}`);
}

export interface AtomCounters {
  usage: number;
  success: number;
  rate: number;
}

/** What feedback has taught these atoms so far, by atom id (counters only the server writes). */
export async function atomCounters(ids: string[]): Promise<Map<string, AtomCounters>> {
  const rows = await withDatabase(
    (sql) => sql<{ id: string; usage_count: number; success_count: number; success_rate: string }[]>`
      select id, usage_count, success_count, success_rate::text from public.prompt_atoms where id = any(${ids}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, { usage: row.usage_count, success: row.success_count, rate: Number(row.success_rate) }]));
}

export interface StoredRun {
  task: string;
  model: string;
  outputType: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  daysAgo: number;
}

/** Stores a finished run for the account with this email, as if it had run `daysAgo` days ago. */
export async function insertFinishedRun(email: string, run: StoredRun): Promise<string> {
  const rows = await withDatabase(
    (sql) => sql<{ id: string }[]>`
      insert into public.agent_runs (user_id, task, provider, model, output_type, status, input_tokens, output_tokens, cost_usd, created_at, completed_at)
      select u.id, ${run.task}, 'openai', ${run.model}, ${run.outputType}, 'succeeded', ${run.inputTokens}, ${run.outputTokens}, ${run.costUsd},
        now() - make_interval(days => ${run.daysAgo}), now() - make_interval(days => ${run.daysAgo})
      from auth.users u where lower(u.email) = lower(${email})
      returning id`,
  );
  if (rows.length !== 1) throw new Error(`insertFinishedRun: expected one user with email ${email}, found ${rows.length}`);
  return rows[0]!.id;
}

/** Sets this month's counter of one metric for the account with this email (as if it had been used). */
export async function setMonthlyUsage(email: string, metric: string, count: number): Promise<void> {
  const rows = await withDatabase(
    (sql) => sql`insert into public.usage_metrics (user_id, metric_type, period_start, count)
      select u.id, ${metric}, date_trunc('month', now() at time zone 'UTC')::date, ${count}
      from auth.users u where lower(u.email) = lower(${email})
      on conflict (user_id, metric_type, period_start) do update set count = excluded.count
      returning user_id`,
  );
  if (rows.length !== 1) throw new Error(`setMonthlyUsage: no account ${email}`);
}
