import { ApiError } from '@/lib/api/errors';
import { withPublic, type RouteHandler } from '@/lib/api/handler';

/**
 * Next.js answers a method a route does not export with an empty 405. Every route file exports
 * the rest through this, so those answers carry the error envelope and an Allow header too:
 *   export const { PUT, PATCH, DELETE } = otherMethods({ GET, POST });
 * Naming a method the route already has is a type error; a forgotten one fails the route test.
 */
export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of any params shape
type Handlers = Partial<Record<RouteMethod, RouteHandler<any>>>;

export function otherMethods<Given extends Handlers>(given: Given): Record<Exclude<RouteMethod, keyof Given>, RouteHandler<unknown>> {
  const allowed = ROUTE_METHODS.filter((method) => method in given);
  const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const refuse = withPublic<unknown>(() => {
    throw new ApiError('method_not_allowed', `This path accepts ${allowed.join(' and ')} only.`, undefined, { allow });
  });
  return Object.fromEntries(ROUTE_METHODS.filter((method) => !(method in given)).map((method) => [method, refuse])) as Record<
    Exclude<RouteMethod, keyof Given>,
    RouteHandler<unknown>
  >;
}
