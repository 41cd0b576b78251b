import { handleEmbeddedAuth } from '@/lib/auth/embedded/server';

// The embedded auth server (AUTH_MODE=embedded only; it answers 404 otherwise). Browser
// extensions and API clients use it as their Supabase Auth URL during local development.
export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = (req: Request) => handleEmbeddedAuth(req);
export const POST = (req: Request) => handleEmbeddedAuth(req);
