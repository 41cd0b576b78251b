import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Keep the database driver and PGlite out of the bundle; they are loaded from node_modules.
  serverExternalPackages: ['postgres', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino'],
  // The runbook's URLs, served by the app's route handlers (one place for every rewrite).
  async rewrites() {
    return [
      { source: '/health', destination: '/api/health' },
    ];
  },
};

export default nextConfig;
