import { ConnectExtension } from '@/components/extension/connect-extension';
import { requireClaims } from '@/lib/auth/session';
import { codeChallengeSchema, connectStateSchema } from '@/lib/zod/schemas/extension';

export const metadata = { title: 'Connect the browser extension · Venture Companion' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The extension opens this page with its PKCE challenge and a state. The signed-in person sees what
 * the extension will be allowed to do and approves or cancels; an approval hands a one-time code
 * back to the extension (see components/extension/connect-extension.tsx).
 */
export default async function ExtensionConnectPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const challenge = codeChallengeSchema.safeParse(first(params.challenge));
  const state = connectStateSchema.safeParse(first(params.state));
  const query = new URLSearchParams();
  if (challenge.success) query.set('challenge', challenge.data);
  if (state.success) query.set('state', state.data);
  const claims = await requireClaims(query.size > 0 ? `/extension/connect?${query.toString()}` : '/extension/connect');

  return (
    <section className="extension-connect">
      <p className="eyebrow">Browser extension</p>
      <h1>Connect the extension to your account</h1>
      {challenge.success && state.success ? (
        <ConnectExtension challenge={challenge.data} state={state.data} email={claims.email ?? null} />
      ) : (
        <div className="card stack" role="alert" data-testid="connect-link-broken">
          <h2>This link is incomplete</h2>
          <p className="muted">Open the Venture Companion extension and press Connect there: it opens this page with what it needs to sign in safely.</p>
        </div>
      )}
    </section>
  );
}
