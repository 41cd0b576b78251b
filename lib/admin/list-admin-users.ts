import type { Queryable } from '@/lib/db/client';
import { ADMIN_USERS_PAGE_SIZE, type AdminUserList, type ListAdminUsersQuery } from '@/lib/zod/schemas/admin';

interface UserRow {
  user_id: string;
  email: string | null;
  display_name: string | null;
  tier: string;
  is_admin: boolean;
  runs: number;
  last_active_at: Date | null;
  created_at: Date;
  total: number;
}

/** One page of every user (search by email or name), most recently active first; admins only (the function checks). */
export async function listAdminUsers(tx: Queryable, { search, page = 1 }: ListAdminUsersQuery): Promise<AdminUserList> {
  const rows = await tx<UserRow[]>`
    select * from private.admin_users(${search ?? ''}, ${ADMIN_USERS_PAGE_SIZE}, ${(page - 1) * ADMIN_USERS_PAGE_SIZE})`;
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1) {
    // Past the last page: the window function saw no rows, so count on the first page instead.
    const [first] = await tx<{ total: number }[]>`select total from private.admin_users(${search ?? ''}, 1, 0)`;
    total = first?.total ?? 0;
  }
  return {
    users: rows.map((row) => ({
      id: row.user_id,
      email: row.email ?? '',
      displayName: row.display_name,
      tier: row.tier,
      isAdmin: row.is_admin,
      runs: row.runs,
      lastActiveAt: row.last_active_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
    })),
    total,
    page,
    pageSize: ADMIN_USERS_PAGE_SIZE,
  };
}
