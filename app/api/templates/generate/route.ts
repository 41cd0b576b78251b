import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseBody } from '@/lib/api/parse';
import { generatePrompt } from '@/lib/templates/generate-prompt';
import { recordTemplateUses } from '@/lib/templates/record-template-uses';
import { reserveMetric } from '@/lib/usage/reserve-metric';
import { settleReservation } from '@/lib/usage/settle-reservation';
import { generatedPromptSchema, generatePromptBodySchema } from '@/lib/zod/schemas/template-prompts';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/**
 * `{ task, templateIds }` → one prompt combining those catalog templates, in dependency order,
 * with the caller's customisations, and the versions it used. Counts one "templates" use (429
 * `limit_exceeded` when none is left). Everything happens in one transaction: the use is reserved
 * once the prompt is produced and settled with it, and any failure rolls the reservation back, so
 * a refused or failed request counts nothing.
 */
export const POST = withUser(async ({ req, db, userId }) => {
  const body = await parseBody(req, generatePromptBodySchema, { maxBytes: 64 * 1024 });
  const generated = await db(async (tx) => {
    const result = await generatePrompt(tx, { userId, task: body.task, templateIds: body.templateIds });
    const count = result.templates.length;
    const reservation = await reserveMetric(tx, {
      userId,
      metricType: 'templates',
      amount: 1,
      subject: `A combined prompt from ${count === 1 ? 'a template' : `${count} templates`}`,
    });
    await recordTemplateUses(tx, { userId, templates: result.templates, runId: null });
    await settleReservation(tx, { id: reservation.id, used: 1 });
    return result;
  });
  return respond(generatedPromptSchema, generated);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
