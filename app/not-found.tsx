import { Compass } from 'lucide-react';
import Link from 'next/link';

export const metadata = { title: 'Not found · Venture Companion' };

/** Any page that does not exist, or that the visitor may not see: the same answer either way. */
export default function NotFound() {
  return (
    <section className="empty not-found">
      <Compass aria-hidden="true" />
      <h1>This page could not be found</h1>
      <p>The link may be old, or the page is not yours to see.</p>
      <div className="actions">
        <Link href="/" className="button secondary">
          Go to the home page
        </Link>
      </div>
    </section>
  );
}
