import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './lib/security/headers';

const headerList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Keep the database driver and PGlite out of the bundle; they are loaded from node_modules.
  serverExternalPackages: ['postgres', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino'],
  // The template catalog's files are read at run time (names, milestones, dependencies), so the
  // API functions ship with them.
  // The admin health compares the applied migrations with the files, so those functions ship them.
  outputFileTracingIncludes: {
    '/api/**/*': ['./templates/catalog/**/*.md'],
    '/api/admin/health': ['./supabase/migrations/*.sql'],
    '/admin': ['./supabase/migrations/*.sql'],
  },
  // The runbook's URLs, served by the app's route handlers (one place for every rewrite).
  async rewrites() {
    return [
      { source: '/health', destination: '/api/health' },
      { source: '/billing/webhook', destination: '/api/billing/webhook' },
      { source: '/webhooks/code-repo', destination: '/api/webhooks/code-repo' },
    ];
  },
  // Pages get their Content-Security-Policy (with a nonce) from the proxy; everything else here.
  async headers() {
    const api = headerList({ ...SECURITY_HEADERS, 'Content-Security-Policy': API_CONTENT_SECURITY_POLICY });
    return [
      { source: '/:path*', headers: headerList(SECURITY_HEADERS) },
      { source: '/api/:path*', headers: api },
      { source: '/auth/v1/:path*', headers: api },
      { source: '/health', headers: api },
      { source: '/billing/webhook', headers: api },
      { source: '/webhooks/code-repo', headers: api },
    ];
  },
};

export default nextConfig;
