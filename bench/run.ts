// `npm run bench`: runs the bench modules (bench/metrics), writes bench-results.json at the
// repository root and prints a table of medians and every target with PASS or FAIL.
//
//   node --import tsx bench/run.ts             every module; replaces bench-results.json
//   node --import tsx bench/run.ts kdf vault   only these; merges into bench-results.json
//
// Safety fact: a failed target does not fail the command (the report is the product); a module
// that throws does (exit 1), after the others have run and the file has been written without it.

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext } from './lib/context';
import { evaluateTargets, formatResults, formatTargets } from './lib/report';
import { readResults, writeResults } from './lib/results';
import type { Result, Results } from './lib/types';
import { METRICS } from './metrics/index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = path.join(repoRoot, 'bench-results.json');

function usage(): string {
  return [
    'usage: node --import tsx bench/run.ts [module ...]',
    'modules:',
    ...METRICS.map((m) => `  ${m.name.padEnd(10)} ${m.description}`),
  ].join('\n');
}

function checkResult(module: string, name: string, r: Result): void {
  if (!Number.isFinite(r.median) || r.median < 0 || !Number.isInteger(r.runs) || r.runs < 1) {
    throw new Error(`${module} returned an invalid result for ${name}: ${JSON.stringify(r)}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const unknown = args.filter((a) => !METRICS.some((m) => m.name === a));
  if (unknown.length > 0) {
    console.error(`unknown module(s): ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = args.length === 0 ? METRICS : METRICS.filter((m) => args.includes(m.name));

  const owned = createContext(repoRoot);
  const onSignal = () => void owned.close().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const results: Results = {};
  const failed: string[] = [];
  const started = performance.now();
  try {
    for (const module of selected) {
      const moduleStart = performance.now();
      owned.ctx.log(`${module.name}: ${module.description}`);
      try {
        const produced = await module.run(owned.ctx);
        for (const [name, r] of Object.entries(produced)) checkResult(module.name, name, r);
        Object.assign(results, produced);
        owned.ctx.log(`${module.name}: done in ${((performance.now() - moduleStart) / 1000).toFixed(1)} s`);
      } catch (error) {
        failed.push(module.name);
        console.error(`[bench] ${module.name} FAILED:`, error);
      }
    }
  } finally {
    await owned.close();
  }

  const everything = selected.length === METRICS.length;
  const stored = everything ? results : { ...(await readResults(RESULTS_FILE)), ...results };
  await writeResults(RESULTS_FILE, stored);

  const cpus = os.cpus();
  console.log(
    `Tessera bench: ${selected.map((m) => m.name).join(', ')} in ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s on ${cpus.length} x ${cpus[0]?.model.trim() ?? 'CPU'}`,
  );
  console.log(`Medians (warm-up runs discarded); ${everything ? 'wrote' : 'merged into'} ${RESULTS_FILE}\n`);
  console.log(formatResults(results));
  for (const note of owned.notes) console.log(`\n* ${note}`);
  const targets = selected.flatMap((m) => m.targets ?? []);
  if (targets.length > 0) console.log(`\n${formatTargets(evaluateTargets(targets, stored))}`);
  if (failed.length > 0) console.log(`\nFAILED modules (no results written for them): ${failed.join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
