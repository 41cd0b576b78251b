import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { getAccount } from '@/lib/account/get-account';
import { updateAccount } from '@/lib/account/update-account';
import { accountSchema, updateAccountBodySchema } from '@/lib/zod/schemas/account';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ db, userId, claims }) => {
  const account = await db((tx) => getAccount(tx, { userId, email: claims.email ?? null }));
  return respond(accountSchema, account);
});

export const PATCH = withUser(async ({ req, db, userId, claims }) => {
  const changes = await parseBody(req, updateAccountBodySchema, { maxBytes: 4096 });
  const account = await db((tx) => updateAccount(tx, { userId, email: claims.email ?? null, changes }));
  return respond(accountSchema, account);
});

export const { POST, PUT, DELETE } = otherMethods({ GET, PATCH });
