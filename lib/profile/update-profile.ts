import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { PROFILE_COLUMNS, toProfile, type ProfileRow } from '@/lib/profile/get-profile';
import type { Profile, UpdateProfileBody } from '@/lib/zod/schemas/profile';

/**
 * Applies any subset of the editable fields in one UPDATE. Only columns the authenticated role
 * holds the UPDATE privilege on are written (migration 008), so billing state cannot be touched
 * from here even by mistake.
 */
export async function updateProfile(
  tx: Queryable,
  { userId, changes }: { userId: string; changes: UpdateProfileBody },
): Promise<Profile> {
  const columns: Record<string, unknown> = {};
  if (changes.displayName !== undefined) columns.display_name = changes.displayName;
  if (changes.role !== undefined) columns.role = changes.role;
  if (changes.vertical !== undefined) columns.vertical = changes.vertical;
  // Merged in the database, so a client that sends one flag cannot reset the others it did not send.
  if (changes.stack !== undefined) columns.stack = tx`stack || ${tx.json(changes.stack)}`;
  if (changes.tone !== undefined) columns.tone = changes.tone;
  if (changes.riskTolerance !== undefined) columns.risk_tolerance = changes.riskTolerance;
  if (changes.kpiFocus !== undefined) columns.kpi_focus = changes.kpiFocus;
  if (changes.brandVoice !== undefined) columns.brand_voice = changes.brandVoice;
  if (changes.companyContext !== undefined) columns.company_context = changes.companyContext;
  if (changes.preferredModels !== undefined) columns.preferred_models = changes.preferredModels;
  if (changes.timezone !== undefined) columns.timezone = changes.timezone;
  if (changes.onboardingStep !== undefined) {
    columns.onboarding_step = changes.onboardingStep;
    // The first completion is kept: revisiting the wizard and finishing again does not move it.
    if (changes.onboardingStep === 'done') columns.onboarding_completed_at = tx`coalesce(onboarding_completed_at, now())`;
  }
  const [row] = await tx<ProfileRow[]>`
    update public.user_profiles set ${tx(columns)} where user_id = ${userId}
    returning ${tx(PROFILE_COLUMNS)}`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return toProfile(row);
}
