import Link from 'next/link';
import { changePassword } from '@/app/settings/password-actions';
import { DangerZone, DataExport } from '@/components/danger-zone';
import { PasswordForm } from '@/components/password-form';
import { ProfileForm } from '@/components/profile-form';
import { getAccountDataSummary } from '@/lib/account/get-account-data-summary';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getProfile } from '@/lib/profile/get-profile';

export const metadata = { title: 'Settings · Venture Companion' };

export default async function SettingsPage() {
  const claims = await requireClaims('/settings');
  const [profile, summary] = await withUserTransaction(claims, (tx) =>
    Promise.all([getProfile(tx, { userId: claims.sub }), getAccountDataSummary(tx, { userId: claims.sub })]),
  );
  return (
    <div className="fields">
      <ProfileForm profile={profile} />
      <PasswordForm action={changePassword} email={claims.email ?? ''} />
      <section className="card fields" aria-labelledby="api-tokens-title">
        <h2 id="api-tokens-title">API tokens</h2>
        <p className="muted">Personal access tokens let scripts and other tools use the API as you, with the permissions you choose.</p>
        <div className="actions">
          <Link className="button secondary" href="/settings/tokens">
            Manage API tokens
          </Link>
        </div>
      </section>
      <DataExport />
      <DangerZone email={claims.email ?? ''} summary={summary} />
    </div>
  );
}
