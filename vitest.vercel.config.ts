import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** npm run test:vercel: checks .vercel/output after `npm run build:vercel` (no database). */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/vercel/**/*.test.ts'],
    environment: 'node',
  },
});
