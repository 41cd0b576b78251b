import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { MAX_ATOM_BODY_BYTES } from '@/lib/atoms/atom-row';
import { createAtomVersion } from '@/lib/atoms/create-atom-version';
import { atomIdParamsSchema, atomSchema, createAtomVersionBodySchema } from '@/lib/zod/schemas/atoms';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const POST = withAdmin<{ id: string }>(async ({ req, params, db, userId }) => {
  const { id } = parseParams(params, atomIdParamsSchema);
  const changes = await parseBody(req, createAtomVersionBodySchema, { maxBytes: MAX_ATOM_BODY_BYTES });
  const atom = await db((tx) => createAtomVersion(tx, { adminId: userId, atomId: id, changes }));
  return respond(atomSchema, atom, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
