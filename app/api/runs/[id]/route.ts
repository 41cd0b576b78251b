import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { getRun } from '@/lib/runs/get-run';
import { runIdParamsSchema, runSchema } from '@/lib/zod/schemas/runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser<{ id: string }>(async ({ params, db, userId }) => {
  const { id } = parseParams(params, runIdParamsSchema);
  return respond(runSchema, await db((tx) => getRun(tx, { userId, runId: id })));
}, { scope: 'runs:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
