import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { getAtomStats } from '@/lib/admin/get-atom-stats';
import { adminAtomStatListSchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Usage, success rate and the 7-day trend of every atom in use. */
export const GET = withAdmin(async ({ db }) => respond(adminAtomStatListSchema, { atoms: await db(getAtomStats) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
