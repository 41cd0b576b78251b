import { otherMethods } from '@/lib/api/methods';
import { respond, withPublic } from '@/lib/api/handler';
import { describeApiToken } from '@/lib/extension/describe-api-token';
import { extensionTokenInfoSchema } from '@/lib/zod/schemas/extension';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Who the bearer token belongs to, its scopes and its expiry; 401 for anything but a live token. */
export const GET = withPublic(async ({ req }) => respond(extensionTokenInfoSchema, await describeApiToken(req.headers.get('authorization'))));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
