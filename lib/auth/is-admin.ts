import type { Queryable } from '@/lib/db/client';

/**
 * Admin is read from auth.users.raw_app_meta_data by the same function the policies use, so
 * revoking it takes effect at once, not when the user's token expires.
 */
export async function isAdmin(tx: Queryable): Promise<boolean> {
  const [row] = await tx<{ is_admin: boolean }[]>`select private.is_admin() as is_admin`;
  return row?.is_admin === true;
}
