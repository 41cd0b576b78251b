import { signUp } from '@/app/auth-actions';
import { AuthForm } from '@/components/auth-form';

export const metadata = { title: 'Sign up · Venture Companion' };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ returnUrl?: string }> }) {
  const { returnUrl } = await searchParams;
  return <AuthForm mode="signup" action={signUp} returnUrl={returnUrl} />;
}
