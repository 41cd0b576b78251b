import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { STACK_FLAGS, type Profile, type Stack } from '@/lib/zod/schemas/profile';

export interface ProfileRow {
  user_id: string;
  display_name: string | null;
  role: Profile['role'];
  vertical: Profile['vertical'];
  stack: Record<string, unknown>;
  tone: string | null;
  risk_tolerance: Profile['riskTolerance'];
  kpi_focus: string[];
  brand_voice: string | null;
  company_context: string | null;
  preferred_models: string[];
  timezone: string;
  onboarding_step: Profile['onboardingStep'];
  onboarding_completed_at: Date | null;
}

/** The columns ProfileRow holds; subscription and billing columns are not part of this contract. */
export const PROFILE_COLUMNS = [
  'user_id',
  'display_name',
  'role',
  'vertical',
  'stack',
  'tone',
  'risk_tolerance',
  'kpi_focus',
  'brand_voice',
  'company_context',
  'preferred_models',
  'timezone',
  'onboarding_step',
  'onboarding_completed_at',
] as const;

/** The caller's profile, read under RLS: the user id is the scope and the policies the backstop. */
export async function getProfile(tx: Queryable, { userId }: { userId: string }): Promise<Profile> {
  const [row] = await tx<ProfileRow[]>`select ${tx(PROFILE_COLUMNS)} from public.user_profiles where user_id = ${userId}`;
  if (!row) throw new ApiError('not_found', 'No profile exists for this account.');
  return toProfile(row);
}

export function toProfile(row: ProfileRow): Profile {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    vertical: row.vertical,
    stack: toStack(row.stack),
    tone: row.tone,
    riskTolerance: row.risk_tolerance,
    kpiFocus: row.kpi_focus,
    brandVoice: row.brand_voice,
    companyContext: row.company_context,
    preferredModels: row.preferred_models,
    timezone: row.timezone,
    onboardingStep: row.onboarding_step,
    onboardingCompletedAt: row.onboarding_completed_at?.toISOString() ?? null,
  };
}

/** Flags never stored (a profile created before the user reached the stack step) read as false; unknown keys are dropped. */
function toStack(stored: Record<string, unknown>): Stack {
  return Object.fromEntries(STACK_FLAGS.map((flag) => [flag, stored[flag] === true])) as Stack;
}
