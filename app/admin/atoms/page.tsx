import { notFound } from 'next/navigation';
import { AtomManager } from '@/components/atom-manager';
import { listAtoms } from '@/lib/atoms/list-atoms';
import { isAdmin } from '@/lib/auth/is-admin';
import { requireClaims } from '@/lib/auth/session';
import { withUserTransaction } from '@/lib/db/user-transaction';

export const metadata = { title: 'Atoms · Venture Companion' };

export default async function AdminAtomsPage() {
  const claims = await requireClaims('/admin/atoms');
  const atoms = await withUserTransaction(claims, async (tx) => ((await isAdmin(tx)) ? listAtoms(tx, {}) : null));
  // Non-admins learn nothing about the page, not even that it exists.
  if (!atoms) notFound();
  return <AtomManager atoms={atoms} />;
}
