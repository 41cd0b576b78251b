import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VercelFunction, VercelOutput } from './check-vercel-output';

/**
 * Reads what `vercel build` wrote to `dir` (.vercel/output): config.json, and each function's
 * runtime and maxDuration from its .vc-config.json (functions shared between routes are symlinks,
 * followed here, so every route's entry is read).
 */
export function readVercelOutput(dir: string): VercelOutput {
  const configFile = path.join(dir, 'config.json');
  if (!existsSync(configFile)) throw new Error(`${configFile} does not exist: run \`npm run build:vercel\` first.`);
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as VercelOutput['config'];
  const functions: Record<string, VercelFunction> = {};
  const root = path.join(dir, 'functions');
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const full = path.join(folder, entry);
      if (!statSync(full).isDirectory()) continue;
      if (entry.endsWith('.func')) {
        const { runtime, maxDuration } = JSON.parse(readFileSync(path.join(full, '.vc-config.json'), 'utf8')) as VercelFunction;
        functions[path.relative(root, full).split(path.sep).join('/').replace(/\.func$/, '')] = { runtime, maxDuration };
      } else {
        walk(full);
      }
    }
  };
  if (existsSync(root)) walk(root);
  return { config, functions };
}
