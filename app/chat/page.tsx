import { RunConsole } from '@/components/run-console';
import { requireClaims } from '@/lib/auth/session';
import { serverEnv } from '@/lib/env';

export const metadata = { title: 'Ask · Venture Companion' };

export default async function ChatPage() {
  await requireClaims('/chat');
  // Without a key the offline provider answers; the page says so before anything is sent.
  return <RunConsole offline={!serverEnv().OPENAI_API_KEY} />;
}
