import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { CUSTOMIZATION_NOT_FOUND } from '@/lib/templates/customization-row';
import { SHARE_SELECT, toShare, type ShareRow } from '@/lib/templates/share-row';
import type { CreateShareBody, Share } from '@/lib/zod/schemas/template-sharing';

/**
 * Shares one of the caller's customisations: publicly (anyone signed in with the link), with
 * whoever has an email address, or with an organization the caller belongs to. A share with an
 * address is made and answered alike whether or not an account has it, so sharing tells no one
 * which addresses have accounts: without one it waits, and the account that later confirms the
 * address receives it (migration 037). The same share made twice answers the existing one
 * (`created` false). The caller's own customisation only: another user's id is a 404, as the
 * policies require.
 */
export async function createTemplateShare(tx: Queryable, { userId, body }: { userId: string; body: CreateShareBody }): Promise<{ share: Share; created: boolean }> {
  const [customization] = await tx<{ id: string }[]>`
    select id from public.user_template_customizations
    where user_id = ${userId} and ${body.customizationId === undefined ? tx`template_id = ${body.templateId!}` : tx`id = ${body.customizationId}`}`;
  if (!customization) throw new ApiError('not_found', CUSTOMIZATION_NOT_FOUND);

  // Null for an address no account has yet: the share waits for one.
  let recipient: string | null = null;
  if (body.visibility === 'users') {
    const [found] = await tx<{ id: string | null }[]>`select private.user_id_for_email(${body.email!}) as id`;
    recipient = found?.id ?? null;
    if (recipient === userId) throw new ApiError('bad_request', 'That is your own address: the customisation is already yours.');
  }
  if (body.visibility === 'organization') {
    const [member] = await tx<{ member: boolean }[]>`select private.is_org_member(${body.orgId!}) as member`;
    if (!member?.member) throw new ApiError('not_found', 'You are not a member of an organization with this id.');
  }
  const orgId = body.orgId ?? null;
  const email = body.visibility === 'users' ? body.email!.trim().toLowerCase() : null;

  // A share with a person is the same share whether it still waits or has reached them.
  const existing = await tx<{ id: string }[]>`
    select id from public.shared_template_customizations
    where owner_id = ${userId} and customization_id = ${customization.id} and visibility = ${body.visibility}
      and ${
        email === null
          ? tx`shared_with_user_id is null`
          : recipient === null
            ? tx`shared_with_email = ${email}`
            : tx`(shared_with_email = ${email} or shared_with_user_id = ${recipient})`
      }
      and shared_with_org_id is not distinct from ${orgId}::uuid
    limit 1`;
  const id =
    existing[0]?.id ??
    (
      await tx<{ id: string }[]>`
        insert into public.shared_template_customizations ${tx({
          customization_id: customization.id,
          owner_id: userId,
          visibility: body.visibility,
          shared_with_user_id: recipient,
          shared_with_org_id: orgId,
          shared_with_email: email,
        })}
        returning id`
    )[0]!.id;
  const [row] = await tx.unsafe<ShareRow[]>(
    `select ${SHARE_SELECT} from public.shared_template_customizations s
     join public.user_template_customizations c on c.id = s.customization_id
     left join public.organizations o on o.id = s.shared_with_org_id
     where s.id = $1`,
    [id],
  );
  return { share: toShare(row!, userId), created: existing.length === 0 };
}
