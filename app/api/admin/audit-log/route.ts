import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { listAdminAuditLog } from '@/lib/admin/list-admin-audit-log';
import { adminAuditLogSchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The latest grants and revocations of admin, by an administrator or the script. */
export const GET = withAdmin(async ({ db }) => respond(adminAuditLogSchema, { entries: await db(listAdminAuditLog) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
