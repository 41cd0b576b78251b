import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { CommitInline } from '@/lib/db/pipelined-transaction';
import { sqlLiteral } from '@/lib/db/sql-literal';
import type { Account } from '@/lib/zod/schemas/account';

interface AccountRow {
  user_id: string;
  display_name: string | null;
  timezone: string;
  role: string | null;
  subscription_tier: Account['profile']['subscriptionTier'];
  subscription_status: string;
  onboarding_step: string;
  is_admin: boolean;
}

/**
 * The caller's account, read under RLS: the user id is the scope and the policies the backstop.
 * Every page and client asks for it, so the statement carries the id as a literal and costs one
 * round trip, pipelined with the transaction's start (lib/db/sql-literal.ts). With the
 * transaction's `commitInline`, when it is all the transaction reads, COMMIT goes in the same
 * message, so the request costs that one round trip and nothing more.
 */
export async function getAccount(
  tx: Queryable,
  { userId, email, commitInline }: { userId: string; email: string | null; commitInline?: CommitInline },
): Promise<Account> {
  const statement = `
    select user_id, display_name, timezone, role, subscription_tier, subscription_status, onboarding_step,
      private.is_admin() as is_admin
    from public.user_profiles where user_id = ${sqlLiteral(userId)}::uuid`;
  const [row] = commitInline ? ((await commitInline([statement]))[0] as AccountRow[]) : await tx.unsafe<AccountRow[]>(statement);
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return toAccount(row, email);
}

export function toAccount(row: AccountRow, email: string | null): Account {
  return {
    user: { id: row.user_id, email, isAdmin: row.is_admin },
    profile: {
      displayName: row.display_name,
      timezone: row.timezone,
      role: row.role,
      subscriptionTier: row.subscription_tier,
      subscriptionStatus: row.subscription_status,
      onboardingStep: row.onboarding_step,
    },
  };
}

export type { AccountRow };
