import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { clientIp } from '@/lib/api/client-ip';
import { authServerSession } from '@/lib/auth/auth-server-session';
import { deleteAccount } from '@/lib/account/delete-account';
import { getAccount } from '@/lib/account/get-account';
import { updateAccount } from '@/lib/account/update-account';
import { accountSchema, deleteAccountBodySchema, updateAccountBodySchema } from '@/lib/zod/schemas/account';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ db, userId, claims }) => {
  const account = await db((tx, _commitWith, commitInline) => getAccount(tx, { userId, email: claims.email ?? null, commitInline }));
  return respond(accountSchema, account);
}, { scope: 'profile:read' });

export const PATCH = withUser(async ({ req, db, userId, claims }) => {
  const changes = await parseBody(req, updateAccountBodySchema, { maxBytes: 4096 });
  const account = await db((tx) => updateAccount(tx, { userId, email: claims.email ?? null, changes }));
  return respond(accountSchema, account);
});

/** Deletes the account and everything of it; the current password is the body: `{ "password" }`. */
export const DELETE = withUser(async ({ req, userId }) => {
  const { password } = await parseBody(req, deleteAccountBodySchema, { maxBytes: 4096 });
  const session = authServerSession(req);
  await deleteAccount({ session, userId, password, ip: clientIp(req.headers) });
  return session.withCookies(new Response(null, { status: 204 }));
});

export const { POST, PUT } = otherMethods({ GET, PATCH, DELETE });
