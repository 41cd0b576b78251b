import { redirect } from 'next/navigation';
import { OnboardingWizard } from '@/components/onboarding/onboarding-wizard';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getProfile } from '@/lib/profile/get-profile';
import { getVibe } from '@/lib/vibe/get-vibe';
import { ONBOARDING_STEPS } from '@/lib/zod/schemas/profile';

export const metadata = { title: 'Welcome · Venture Companion' };

/**
 * The wizard's step lives in the URL (?step=…). Without one, or with one not reached yet, the
 * page redirects to the furthest step reached, so every history entry names the step it shows.
 */
export default async function OnboardingPage({ searchParams }: { searchParams: Promise<{ step?: string | string[] }> }) {
  const claims = await requireClaims('/onboarding');
  const [profile, vibe] = await withUserTransaction(claims, (tx) => Promise.all([getProfile(tx, { userId: claims.sub }), getVibe(tx, { userId: claims.sub })]));
  const { step } = await searchParams;
  const requested = ONBOARDING_STEPS.findIndex((name) => name === step);
  if (requested === -1 || requested > ONBOARDING_STEPS.indexOf(profile.onboardingStep)) {
    redirect(`/onboarding?step=${profile.onboardingStep}`);
  }
  return <OnboardingWizard profile={profile} vibe={vibe} />;
}
