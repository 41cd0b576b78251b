import { z } from 'zod';

/** Organizations, members, invitations and the active workspace (issue 12). */

export const ORG_ROLES = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const INVITABLE_ROLES = ['admin', 'member'] as const;
export const INVITATION_STATES = ['open', 'used', 'revoked', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** The same rule as the column's check: lowercase letters, digits and inner hyphens, 1–48 characters. */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?$/;
const slug = z.string().max(48, 'must be at most 48 characters').regex(SLUG_PATTERN, 'use 1–48 lowercase letters, digits and hyphens, not at either end');
const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters');

/** An invitation token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const orgIdParamsSchema = z.object({ id: z.uuid('must be an organization id') });
export const memberParamsSchema = z.object({ id: z.uuid('must be an organization id'), userId: z.uuid('must be a user id') });
export const invitationParamsSchema = z.object({ id: z.uuid('must be an organization id'), invId: z.uuid('must be an invitation id') });
export const invitationTokenParamsSchema = z.object({ token: z.string().regex(INVITATION_TOKEN_PATTERN, 'is not an invitation link') });

export const createOrganizationBodySchema = z.strictObject({ name, slug });
export type CreateOrganizationBody = z.infer<typeof createOrganizationBodySchema>;

export const updateOrganizationBodySchema = z
  .strictObject({ name: name.optional(), slug: slug.optional() })
  .refine((body) => body.name !== undefined || body.slug !== undefined, { message: 'give a name or a slug', path: ['name'] });
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

/** DELETE /api/organizations/:id: the organization's slug, typed by the owner. */
export const deleteOrganizationBodySchema = z.strictObject({ confirm: z.string().max(48) });

export const updateMemberBodySchema = z.strictObject({ role: z.enum(ORG_ROLES, 'must be owner, admin or member') });
export const transferBodySchema = z.strictObject({ userId: z.uuid('must be a member’s user id') });
export const createInvitationBodySchema = z.strictObject({
  email: z.email('must be an email address').max(320),
  role: z.enum(INVITABLE_ROLES, 'must be admin or member').default('member'),
});
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;
export const setActiveOrganizationBodySchema = z.strictObject({ orgId: z.uuid('must be an organization id').nullable() });

export const organizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  /** The caller's role in it. */
  role: z.enum(ORG_ROLES),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const organizationListSchema = z.object({
  organizations: z.array(organizationSchema),
  /** The workspace the caller works in: an organization's id, or null for personal. */
  activeOrgId: z.uuid().nullable(),
});
export type OrganizationList = z.infer<typeof organizationListSchema>;

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ORG_ROLES),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;
export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(INVITABLE_ROLES),
  state: z.enum(INVITATION_STATES),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });

/** POST …/invitations and …/resend: the invitation, whether it was emailed, and (only when it was not) its link, this once. */
export const issuedInvitationSchema = z.object({
  invitation: invitationSchema,
  emailed: z.boolean(),
  link: z.string().nullable(),
});
export type IssuedInvitation = z.infer<typeof issuedInvitationSchema>;

/** GET /api/invitations/:token: what the holder of the link is invited to. */
export const invitationPreviewSchema = z.object({
  organization: z.object({ name: z.string(), slug: z.string() }),
  email: z.string(),
  role: z.enum(INVITABLE_ROLES),
  state: z.enum(INVITATION_STATES),
  expiresAt: z.string(),
  /** Whether the signed-in account is the invited address. */
  emailMatches: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptedInvitationSchema = z.object({
  organization: z.object({ id: z.uuid(), slug: z.string() }),
  /** `joined`, or `member` when the account already belonged to it. */
  outcome: z.enum(['joined', 'member']),
});

export const activeOrganizationSchema = z.object({ activeOrgId: z.uuid().nullable() });

// ---------------------------------------------------------------------------------------------
// What an organization shares: repositories and the suggestions made from their events.

export const repositoryParamsSchema = z.object({ id: z.uuid('must be an organization id'), repoId: z.uuid('must be a repository id') });
export const shareRepositoryBodySchema = z.strictObject({ repositoryId: z.uuid('must be a repository id') });

export const orgRepositorySchema = z.object({
  id: z.uuid(),
  fullName: z.string(),
  /** Whether the caller connected it (and so may stop sharing it). */
  mine: z.boolean(),
  createdAt: z.string(),
});
export type OrgRepository = z.infer<typeof orgRepositorySchema>;
export const orgRepositoryListSchema = z.object({ repositories: z.array(orgRepositorySchema) });

export const orgSuggestionSchema = z.object({
  runId: z.uuid(),
  repository: z.string(),
  eventType: z.string(),
  headline: z.string().nullable(),
  excerpt: z.string().nullable(),
  createdAt: z.string(),
});
export type OrgSuggestion = z.infer<typeof orgSuggestionSchema>;
export const orgSuggestionListSchema = z.object({ suggestions: z.array(orgSuggestionSchema) });
