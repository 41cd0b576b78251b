import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * npm run build:vercel — builds the app the way Vercel does, on this machine and offline: writes a
 * local project link (.vercel/project.json, ignored by git; no account or token is needed for a
 * build) and runs the pinned CLI's `vercel build`, which runs `next build` and writes
 * the Build Output API files to .vercel/output. `npm run test:vercel` then checks them.
 */
const root = path.resolve(import.meta.dirname, '..');
const project = {
  projectId: 'prj_local_build',
  orgId: 'team_local_build',
  // The dependencies are installed already (npm ci): an empty install command skips the second
  // install the builder would otherwise run. Vercel's own machines install as configured there.
  settings: { framework: 'nextjs', nodeVersion: '24.x', installCommand: '' },
};
mkdirSync(path.join(root, '.vercel'), { recursive: true });
writeFileSync(path.join(root, '.vercel', 'project.json'), `${JSON.stringify(project, null, 2)}\n`);

const cli = path.join(root, 'node_modules', '.bin', 'vercel');
const build = spawnSync(cli, ['build', '--prod', '--yes'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, VERCEL_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
});
if (build.error) throw build.error;
process.exit(build.status ?? 1);
