import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseBody, parseParams } from '@/lib/api/parse';
import { MAX_ATOM_BODY_BYTES } from '@/lib/atoms/atom-row';
import { deactivateAtom } from '@/lib/atoms/deactivate-atom';
import { updateAtom } from '@/lib/atoms/update-atom';
import { atomIdParamsSchema, atomSchema, updateAtomBodySchema } from '@/lib/zod/schemas/atoms';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const PATCH = withAdmin<{ id: string }>(async ({ req, params, db }) => {
  const { id } = parseParams(params, atomIdParamsSchema);
  const changes = await parseBody(req, updateAtomBodySchema, { maxBytes: MAX_ATOM_BODY_BYTES });
  const atom = await db((tx) => updateAtom(tx, { atomId: id, changes }));
  return respond(atomSchema, atom);
});

/** Deactivates rather than deletes, and answers with the atom so the admin sees its new state. */
export const DELETE = withAdmin<{ id: string }>(async ({ params, db }) => {
  const { id } = parseParams(params, atomIdParamsSchema);
  const atom = await db((tx) => deactivateAtom(tx, { atomId: id }));
  return respond(atomSchema, atom);
});

export const { GET, POST, PUT } = otherMethods({ PATCH, DELETE });
