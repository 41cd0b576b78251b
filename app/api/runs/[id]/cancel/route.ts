import { otherMethods } from '@/lib/api/methods';
import { withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { requestRunCancel } from '@/lib/runs/cancel-run';
import { signalStop } from '@/lib/runs/stop-signals';
import { runIdParamsSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Stop: the run is stored as cancelled by the server executing it (202: that happens shortly). */
export const POST = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, runIdParamsSchema);
  await db((tx) => requestRunCancel(tx, { userId, runId: id }));
  // Recorded (and the run found to be the caller's): if this process streams it, it stops now.
  signalStop(id);
  return new Response(null, { status: 202 });
}, { scope: 'runs:write' });

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
