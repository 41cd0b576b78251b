import { changePassword } from '@/app/settings/password-actions';
import { PasswordForm } from '@/components/password-form';
import { ProfileForm } from '@/components/profile-form';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getProfile } from '@/lib/profile/get-profile';

export const metadata = { title: 'Settings · Venture Companion' };

export default async function SettingsPage() {
  const claims = await requireClaims('/settings');
  const profile = await withUserTransaction(claims, (tx) => getProfile(tx, { userId: claims.sub }));
  return (
    <div className="fields">
      <ProfileForm profile={profile} />
      <PasswordForm action={changePassword} email={claims.email ?? ''} />
    </div>
  );
}
