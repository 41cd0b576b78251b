import { ApiError } from '@/lib/api/errors';
import { enforceRateLimit } from '@/lib/api/rate-limit';
import type { AuthServerSession } from '@/lib/auth/auth-server-session';
import { signInLimitKey } from '@/lib/auth/sign-in-limit';
import { createAdminAuthClient, createStatelessAuthClient } from '@/lib/auth/supabase';
import { cancelAccountSubscriptions } from '@/lib/billing/cancel-account-subscriptions';

/**
 * Deletes the caller's account for good. A sensitive action, so, in this order and before anything
 * is deleted: the session is re-checked with the auth server (a token can outlive a sign-out), the
 * current password is checked (with the sign-in rate limit), the auth admin API must be available,
 * and any Stripe subscription that could still bill is cancelled (Stripe unreachable: nothing is
 * deleted). Deleting the auth user removes every row of the user's: each table that belongs to a
 * user references auth.users with ON DELETE CASCADE (tests/integration/account.test.ts checks
 * that against the catalog). The browser is signed out last.
 */
export async function deleteAccount({
  session,
  userId,
  password,
  ip,
}: {
  session: AuthServerSession;
  userId: string;
  password: string;
  ip: string;
}): Promise<void> {
  const user = await session.currentUser();
  if (!user?.email || user.id !== userId) {
    throw new ApiError('unauthorized', 'Your session has ended. Sign in again to delete your account. Nothing was deleted.');
  }

  await enforceRateLimit('signIn', signInLimitKey(ip, user.email));
  // Checked by signing in with it on a throwaway session, ended at once.
  const check = createStatelessAuthClient();
  const { error: wrongPassword } = await check.auth.signInWithPassword({ email: user.email, password });
  if (wrongPassword) {
    if (wrongPassword.code === 'invalid_credentials') throw new ApiError('forbidden', 'That is not your current password. Nothing was deleted.');
    throw wrongPassword;
  }
  await check.auth.signOut({ scope: 'local' });

  const admin = await createAdminAuthClient();
  if (!admin) {
    throw new ApiError('service_unavailable', 'Account deletion is not set up on this server (it needs SUPABASE_SERVICE_ROLE_KEY). Nothing was deleted.');
  }
  await cancelAccountSubscriptions(userId);
  const { error: deleteError } = await admin.auth.admin.deleteUser(userId);
  if (deleteError) throw deleteError;
  await session.signOutHere();
}
