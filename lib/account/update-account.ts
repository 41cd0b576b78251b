import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { toAccount, type AccountRow } from '@/lib/account/get-account';
import type { Account, UpdateAccountBody } from '@/lib/zod/schemas/account';

export async function updateAccount(
  tx: Queryable,
  { userId, email, changes }: { userId: string; email: string | null; changes: UpdateAccountBody },
): Promise<Account> {
  const columns: Record<string, unknown> = {};
  if (changes.displayName !== undefined) columns.display_name = changes.displayName;
  if (changes.timezone !== undefined) columns.timezone = changes.timezone;
  const [row] = await tx<AccountRow[]>`
    update public.user_profiles set ${tx(columns)} where user_id = ${userId}
    returning user_id, display_name, timezone, role, subscription_tier, subscription_status, onboarding_step,
      private.is_admin() as is_admin`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return toAccount(row, email);
}
