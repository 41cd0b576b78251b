import { OnboardingWizard } from '@/components/onboarding/onboarding-wizard';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getProfile } from '@/lib/profile/get-profile';
import { getVibe } from '@/lib/vibe/get-vibe';

export const metadata = { title: 'Welcome · Venture Companion' };

export default async function OnboardingPage() {
  const claims = await requireClaims('/onboarding');
  const { profile, vibe } = await withUserTransaction(claims, async (tx) => ({
    profile: await getProfile(tx, { userId: claims.sub }),
    vibe: await getVibe(tx, { userId: claims.sub }),
  }));
  return <OnboardingWizard profile={profile} vibe={vibe} />;
}
