import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { CUSTOMIZATION_COLUMNS, CUSTOMIZATION_NOT_FOUND, type CustomizationRow } from '@/lib/templates/customization-row';
import type { CustomizationSnapshot } from '@/lib/zod/schemas/templates';

export interface SaveCustomization {
  userId: string;
  templateId: string;
  /** The version the writer started from: 0 when there is no customisation yet. */
  expectedVersion: number;
  /** Already validated against the base version's variables by the caller. */
  snapshot: CustomizationSnapshot;
  changeSummary: string;
}

/**
 * Writes a new version of the caller's customisation and its history row, in the caller's
 * transaction (both or neither). Optimistic concurrency: when the stored version is not
 * `expectedVersion` (someone saved since, or it was created meanwhile) this is a 409 and nothing is
 * written; the current row is in the error's `current`. Updating a customisation that does not
 * exist is a 404. Every write path (save, rollback, rebase, and later clone, presets and import)
 * goes through here, so the history always holds every version.
 */
export async function saveCustomization(tx: Queryable, input: SaveCustomization): Promise<CustomizationRow> {
  const { userId, templateId, expectedVersion, snapshot } = input;
  const values = {
    variables: tx.json(snapshot.variables),
    custom_instructions: snapshot.customInstructions,
    enabled: snapshot.enabled,
    base_version: snapshot.baseVersion,
  };
  const [row] =
    expectedVersion === 0
      ? await tx<CustomizationRow[]>`
          insert into public.user_template_customizations ${tx({ user_id: userId, template_id: templateId, version: 1, ...values })}
          on conflict (user_id, template_id) do nothing
          returning ${tx(CUSTOMIZATION_COLUMNS)}`
      : await tx<CustomizationRow[]>`
          update public.user_template_customizations set ${tx(values)}, version = version + 1
          where user_id = ${userId} and template_id = ${templateId} and version = ${expectedVersion}
          returning ${tx(CUSTOMIZATION_COLUMNS)}`;
  if (!row) {
    const [current] = await tx<CustomizationRow[]>`
      select ${tx(CUSTOMIZATION_COLUMNS)} from public.user_template_customizations where user_id = ${userId} and template_id = ${templateId}`;
    if (!current) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);
    throw new ApiError('conflict', `The customisation is at version ${current.version}, not ${expectedVersion}: it was saved since. Reload it and apply your change again.`, {
      currentVersion: current.version,
    });
  }
  await tx`
    insert into public.template_customization_history ${tx({
      customization_id: row.id,
      user_id: userId,
      version: row.version,
      snapshot: tx.json({ ...snapshot }),
      change_summary: input.changeSummary.slice(0, 500),
    })}`;
  return row;
}
