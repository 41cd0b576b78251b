import type { NextRequest } from 'next/server';
import type { User } from '@supabase/supabase-js';
import { ApiError } from '@/lib/api/errors';
import { authServerSession } from '@/lib/auth/auth-server-session';

/**
 * For actions that spend money or open a payment page: the route wrapper verified the token
 * locally, but a token outlives a sign-out until it expires, so the auth server is asked whether
 * the session still exists. Answers the user as the auth server knows them (their current email).
 */
export async function requireCurrentUser(req: NextRequest, userId: string): Promise<User> {
  const user = await authServerSession(req).currentUser();
  if (!user || user.id !== userId) throw new ApiError('unauthorized', 'Your session has ended. Sign in again to continue.');
  return user;
}
