import { cachedCatalog } from '@/lib/templates/cached-catalog';
import type { Share } from '@/lib/zod/schemas/template-sharing';

export interface ShareRow {
  id: string;
  customization_id: string;
  owner_id: string;
  visibility: Share['visibility'];
  shared_with_user_id: string | null;
  shared_with_org_id: string | null;
  shared_with_email: string | null;
  created_at: Date;
  template_id: string;
  org_name: string | null;
}

/** The same 404 for a share that never existed, was revoked, or is not the caller's to see. */
export const SHARE_NOT_FOUND = 'No shared customisation with this id is available to you.';

export const sharePath = (id: string) => `/templates/shared/${id}`;

/** A share row with its customisation's template id, as the API lists it. */
export function toShare(row: ShareRow, userId: string): Share {
  return {
    id: row.id,
    customizationId: row.customization_id,
    templateId: row.template_id,
    templateName: cachedCatalog().byId.get(row.template_id)?.name ?? row.template_id,
    visibility: row.visibility,
    role: row.owner_id === userId ? 'owner' : 'recipient',
    sharedWith: {
      // The address the owner typed is theirs to see; a recipient sees only that it is shared with them.
      email: row.owner_id === userId ? row.shared_with_email : null,
      orgId: row.shared_with_org_id,
      orgName: row.org_name,
    },
    link: sharePath(row.id),
    createdAt: row.created_at.toISOString(),
  };
}

/** The select list for share rows joined to their customisation (c) and organization (o); the share is s. */
export const SHARE_SELECT = `s.id, s.customization_id, s.owner_id, s.visibility, s.shared_with_user_id, s.shared_with_org_id,
  s.shared_with_email, s.created_at, c.template_id, o.name as org_name`;
