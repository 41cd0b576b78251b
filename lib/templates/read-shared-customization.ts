import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { cachedCatalog } from '@/lib/templates/cached-catalog';
import { CUSTOMIZATION_COLUMNS, effectiveValues, type CustomizationRow } from '@/lib/templates/customization-row';
import { renderCustomization } from '@/lib/templates/render-customization';
import { SHARE_NOT_FOUND, type ShareRow } from '@/lib/templates/share-row';
import { templateVersions, type TemplateVersion } from '@/lib/templates/template-versions';
import type { SharedCustomization } from '@/lib/zod/schemas/template-sharing';

export interface SharedRead {
  view: SharedCustomization;
  row: CustomizationRow;
  ownerId: string;
  /** The published version the customisation is on, when it still is one. */
  base: TemplateVersion | null;
}

/**
 * A customisation shared with the caller. Under RLS the share row is visible to its owner, the
 * named user and members of the organization, and the customisation only through such a share; a
 * public share, which anyone signed in may open by its link but no one may list, is read by its id
 * through private.public_share and private.public_share_customization (migration 038). Anything
 * else (a stranger, a revoked share, an id that never existed) is the same 404.
 */
export async function readSharedCustomization(tx: Queryable, { userId, shareId }: { userId: string; shareId: string }): Promise<SharedRead> {
  const [share] = await tx<Pick<ShareRow, 'id' | 'customization_id' | 'owner_id' | 'visibility' | 'created_at'>[]>`
    select id, customization_id, owner_id, visibility, created_at from public.shared_template_customizations where id = ${shareId}
    union
    select id, customization_id, owner_id, visibility, created_at from private.public_share(${shareId})`;
  if (!share) throw new ApiError('not_found', SHARE_NOT_FOUND);
  const [row] =
    share.visibility === 'public'
      ? await tx<CustomizationRow[]>`select ${tx(CUSTOMIZATION_COLUMNS)} from private.public_share_customization(${share.id})`
      : await tx<CustomizationRow[]>`select ${tx(CUSTOMIZATION_COLUMNS)} from public.user_template_customizations where id = ${share.customization_id}`;
  if (!row) throw new ApiError('not_found', SHARE_NOT_FOUND);
  const [owner] = await tx<{ name: string | null }[]>`select private.shared_template_owner_name(${share.id}) as name`;
  const versions = (await templateVersions(tx, [row.template_id])).get(row.template_id) ?? [];
  const base = versions.find((version) => version.version === row.base_version) ?? null;
  const values = base ? effectiveValues(base, row.variables) : row.variables;
  return {
    row,
    ownerId: share.owner_id,
    base,
    view: {
      share: { id: share.id, visibility: share.visibility, createdAt: share.created_at.toISOString(), mine: share.owner_id === userId },
      templateId: row.template_id,
      templateName: cachedCatalog().byId.get(row.template_id)?.name ?? row.template_id,
      ownerName: owner?.name ?? null,
      snapshot: { version: row.version, baseVersion: row.base_version, variables: row.variables, values, customInstructions: row.custom_instructions },
      prompt: base ? renderCustomization(base.megaPrompt, values, row.custom_instructions) : null,
    },
  };
}
