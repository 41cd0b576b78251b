import type { Queryable } from '@/lib/db/client';
import { pipelinedTransaction } from '@/lib/db/pipelined-transaction';

/**
 * Runs fn in a transaction as the `anon` role, as PostgREST does for a request without a user:
 * for public information (the plans and their limits) that pages and routes show without a
 * sign-in. Row Level Security applies, and anon reads only what is granted to it. As in
 * withUserTransaction, BEGIN and the role go out as one message ahead of fn's first query.
 */
export async function withAnonTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return pipelinedTransaction(`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`, (tx) => fn(tx));
}
