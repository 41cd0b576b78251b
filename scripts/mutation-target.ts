import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Judges a finished mutation run (npm run test:mutation) file by file: each mutated security module
 * must reach the target on its own, so a strong file cannot hide a weak one in the overall score.
 * Exits non-zero when any file falls short or is missing from the report.
 */

const TARGET_PERCENT = 90;
const ROOT = path.resolve(import.meta.dirname, '..');
const REPORT = path.join(ROOT, 'reports/mutation/mutation.json');

interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

// Stryker's own mutation score: detected (killed, or timed out: the mutant hung the tests) over
// valid mutants. Ignored mutants and ones that failed to compile or crashed say nothing about the tests.
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

async function mutatedFiles(): Promise<string[]> {
  const config = (await import(pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href)) as { default: { mutate: string[] } };
  // An entry may carry a line range (file.ts:10-20).
  return config.default.mutate.map((entry) => entry.replace(/:\d+-\d+$/, ''));
}

async function main(): Promise<void> {
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport;
  const files = await mutatedFiles();
  const width = Math.max(...files.map((file) => file.length));
  let met = true;

  for (const file of files) {
    const mutants = report.files[file]?.mutants ?? [];
    const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
    const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
    const valid = detected + mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
    if (valid === 0) {
      // A listed file without mutants means the run did not cover it, not that it is perfect.
      met = false;
      console.log(`${file.padEnd(width)}      n/a  (no mutants in the report)`);
      continue;
    }
    const score = (100 * detected) / valid;
    if (score < TARGET_PERCENT) met = false;
    // Rounded down, so a file just under the target never prints as reaching it.
    const shown = (Math.floor(score * 100) / 100).toFixed(2).padStart(6);
    const detail = `${detected} of ${valid} killed, ${count('Survived')} survived, ${count('NoCoverage')} not covered`;
    console.log(`${file.padEnd(width)}  ${shown} %  (${detail})${score < TARGET_PERCENT ? '  BELOW TARGET' : ''}`);
  }

  console.log(`target: ≥ ${TARGET_PERCENT} % mutants killed on each security module (${met ? 'met' : 'NOT met'})`);
  if (!met) process.exitCode = 1;
}

await main();
