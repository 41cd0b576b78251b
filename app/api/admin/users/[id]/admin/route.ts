import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { setAdmin } from '@/lib/admin/set-admin';
import { idParamsSchema } from '@/lib/zod/schemas/events';
import { setAdminBodySchema, setAdminResultSchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Grants ({ admin: true }) or revokes ({ admin: false }) admin on a user; every change is in the audit log. */
export const POST = withAdmin<{ id: string }>(async ({ req, params, db, log }) => {
  const { id } = parseParams(params, idParamsSchema);
  const { admin } = await parseBody(req, setAdminBodySchema, { maxBytes: 1024 });
  const changed = await db((tx) => setAdmin(tx, { targetId: id, admin }));
  if (changed) log.info({ targetId: id, admin }, admin ? 'admin granted' : 'admin revoked');
  return respond(setAdminResultSchema, { id, admin, changed });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
