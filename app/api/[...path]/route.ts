import { ApiError } from '@/lib/api/errors';
import { withPublic } from '@/lib/api/handler';

// Any /api path no route claims: a 404 in the error envelope instead of the HTML not-found page.
export const dynamic = 'force-dynamic';
export const maxDuration = 5;

const notFound = withPublic<{ path: string[] }>(() => {
  throw new ApiError('not_found', 'There is no API endpoint at this path. See the API table in the README.');
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
