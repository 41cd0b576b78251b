import { VibeStudio } from '@/components/vibe-studio';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';
import { getVibe } from '@/lib/vibe/get-vibe';
import { listPresets } from '@/lib/vibe/list-presets';

export const metadata = { title: 'Vibe · Venture Companion' };

export default async function VibePage() {
  const claims = await requireClaims('/vibe');
  const [vibe, presets] = await withUserTransaction(claims, (tx) => Promise.all([getVibe(tx, { userId: claims.sub }), listPresets(tx, { userId: claims.sub })]));
  return <VibeStudio vibe={vibe} presets={presets} />;
}
