import { signIn } from '@/app/auth-actions';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Sign in · Venture Companion' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ returnUrl?: string }> }) {
  const { returnUrl } = await searchParams;
  return <AuthForm mode="signin" action={signIn} returnUrl={returnUrl} />;
}
