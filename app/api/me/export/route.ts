import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { exportAccountData } from '@/lib/account/export-account-data';
import { accountExportSchema } from '@/lib/zod/schemas/account';

export const dynamic = 'force-dynamic';
export const maxDuration = 30;

export const GET = withUser(async ({ db, userId, claims }) => {
  const data = await db((tx) => exportAccountData(tx, { userId, email: claims.email ?? null }));
  const day = data.exportedAt.slice(0, 10);
  return respond(accountExportSchema, data, {
    headers: { 'content-disposition': `attachment; filename="venture-companion-data-${day}.json"` },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
