import { otherMethods } from '@/lib/api/methods';
import { ApiError } from '@/lib/api/errors';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { assemblePrompt } from '@/lib/assembly/assemble-prompt';
import { AssemblyInputError } from '@/lib/assembly/errors';
import { loadActiveAtoms } from '@/lib/atoms/load-active-atoms';
import { getProfile } from '@/lib/profile/get-profile';
import { getVibe } from '@/lib/vibe/get-vibe';
import { assembleBodySchema, assemblyResultSchema, MAX_TASK_CHARS } from '@/lib/zod/schemas/assembly';
import type { VibeSettings } from '@/lib/zod/schemas/vibe';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

const taskTooLong = (length: number) =>
  new ApiError('payload_too_large', `task: must be at most ${MAX_TASK_CHARS} characters (this one has ${length}). Shorten it or split it into several tasks.`);

/**
 * Previews the prompt a run would send, without calling an LLM or storing anything. `body.vibe`
 * overrides the stored vibe for this answer only, so sliders can be tried before they are saved.
 */
export const POST = withUser(async ({ req, db, userId }) => {
  const { task, inputFilter, vibe: overrides } = await parseBody(req, assembleBodySchema, { maxBytes: 64 * 1024 });
  // Refused before any query: a task is never truncated, and the engine would refuse it anyway.
  if (task.length > MAX_TASK_CHARS) throw taskTooLong(task.length);
  // One transaction, so profile, vibe and atoms are read from the same snapshot.
  const [profile, storedVibe, atoms] = await db((tx) =>
    Promise.all([getProfile(tx, { userId }), getVibe(tx, { userId }), loadActiveAtoms(tx)]),
  );
  if (overrides?.selectedAtoms) {
    const active = new Set(atoms.map((atom) => atom.id));
    const unknown = overrides.selectedAtoms.filter((id) => !active.has(id));
    if (unknown.length > 0) throw new ApiError('validation_failed', `vibe.selectedAtoms: no active atom has the id ${unknown.slice(0, 5).join(', ')}`);
  }
  const { updatedAt: _updatedAt, ...stored } = storedVibe;
  const vibe: VibeSettings = { ...stored, ...overrides };
  try {
    return respond(assemblyResultSchema, assemblePrompt({ task, profile, vibe, atoms, inputFilter }));
  } catch (error) {
    if (error instanceof AssemblyInputError) {
      if (error.code === 'task_too_long') throw taskTooLong(task.length);
      // Stored text written before today's limits: say which field to shorten instead of a 500.
      throw new ApiError('validation_failed', `${error.field}: must be at most ${error.limit} characters; shorten it in your profile or vibe.`);
    }
    throw error;
  }
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
