import { NextRequest } from 'next/server';
import type { RouteHandler } from '@/lib/api/handler';

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | object;
  params?: Record<string, string>;
}

/** Calls a route handler in-process with a real NextRequest, as Next.js would. */
export async function callRoute<P>(handler: RouteHandler<P>, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const req = new NextRequest(new URL(path, 'http://localhost:3000'), { method: options.method ?? 'GET', headers, body });
  const response = await handler(req, { params: Promise.resolve((options.params ?? {}) as P) });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json: json as Record<string, any>, text };
}
