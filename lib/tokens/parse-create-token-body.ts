import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { parseBody } from '@/lib/api/parse';
import { createTokenBodySchema, type CreateTokenBody } from '@/lib/zod/schemas/tokens';

/**
 * POST /api/tokens's body. The JSON rules (type, size, text) are parseBody's; the schema is checked
 * here so that a refusal also names each field (`fields: [{ field, message }]`), which the settings
 * form shows next to the input it is about.
 */
export async function parseCreateTokenBody(req: NextRequest): Promise<CreateTokenBody> {
  const data = await parseBody(req, z.unknown(), { maxBytes: 4 * 1024 });
  const result = createTokenBodySchema.safeParse(data);
  if (result.success) return result.data;
  const fields = result.error.issues.slice(0, 5).map((issue) => {
    if (issue.code === 'unrecognized_keys') return { field: 'body', message: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}` };
    return { field: issue.path.length > 0 ? String(issue.path[0]) : 'body', message: issue.message };
  });
  throw new ApiError('validation_failed', fields.map(({ field, message }) => (field === 'body' ? message : `${field}: ${message}`)).join('; '), { fields });
}
