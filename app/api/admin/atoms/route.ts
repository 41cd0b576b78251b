import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseBody, parseQuery } from '@/lib/api/parse';
import { MAX_ATOM_BODY_BYTES } from '@/lib/atoms/atom-row';
import { createAtom } from '@/lib/atoms/create-atom';
import { listAtoms, listAtomsQuerySchema } from '@/lib/atoms/list-atoms';
import { atomListSchema, atomSchema, createAtomBodySchema } from '@/lib/zod/schemas/atoms';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withAdmin(async ({ req, db }) => {
  const filters = parseQuery(req, listAtomsQuerySchema);
  const atoms = await db((tx) => listAtoms(tx, filters));
  return respond(atomListSchema, { atoms });
});

export const POST = withAdmin(async ({ req, db, userId }) => {
  const atom = await parseBody(req, createAtomBodySchema, { maxBytes: MAX_ATOM_BODY_BYTES });
  const created = await db((tx) => createAtom(tx, { adminId: userId, atom }));
  return respond(atomSchema, created, { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
