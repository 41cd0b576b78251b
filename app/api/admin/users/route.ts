import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { listAdminUsers } from '@/lib/admin/list-admin-users';
import { adminUserListSchema, listAdminUsersQuerySchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Every user, searched by email or name (?search=), 25 a page (?page=), most recently active first. */
export const GET = withAdmin(async ({ req, db }) => {
  const query = parseQuery(req, listAdminUsersQuerySchema);
  return respond(adminUserListSchema, await db((tx) => listAdminUsers(tx, query)));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
