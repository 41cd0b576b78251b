import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { listTemplates } from '@/lib/templates/list-templates';
import { listTemplatesQuerySchema, templateListSchema } from '@/lib/zod/schemas/templates';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The catalog: `?milestone=&q=&stack=&priority=&security=&sort=milestone|recommended|popular`. */
export const GET = withUser(async ({ req, db, userId }) => {
  const query = parseQuery(req, listTemplatesQuerySchema);
  return respond(templateListSchema, await db((tx) => listTemplates(tx, { userId, query })));
}, { scope: 'templates:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
