import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { getAdminStats } from '@/lib/admin/get-admin-stats';
import { adminStatsSchema } from '@/lib/zod/schemas/admin-stats';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withAdmin(async ({ db }) => respond(adminStatsSchema, await db(getAdminStats)));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
