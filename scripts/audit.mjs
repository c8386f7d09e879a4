// Supply-chain gate (CI step "npm audit"): fails on any high or critical advisory in the production
// dependencies that is not in audit-allowlist.json, and fails loudly when the audit cannot run.
// Safety fact: "could not reach the registry" exits 2, never 0; the policy is in scripts/audit-policy.ts.
//
// Usage: node scripts/audit.mjs        (exit 0 clean, 1 findings or bad allow-list, 2 audit broken)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { evaluate, parseAllowList } = await tsImport('./audit-policy.ts', import.meta.url);
const allowListPath = fileURLToPath(new URL('../audit-allowlist.json', import.meta.url));

const { entries, problems } = parseAllowList(readFileSync(allowListPath, 'utf8'));

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  timeout: 120_000,
});
if (run.error) {
  console.error(`AUDIT BROKEN: could not run npm audit: ${run.error.message}`);
  process.exit(2);
}
const today = new Date().toISOString().slice(0, 10);
const verdict = evaluate(run.stdout || run.stderr, entries, today);

if (verdict.broken) {
  console.error('AUDIT BROKEN: the dependency audit did not complete, so nothing is known about');
  console.error('the dependencies. This is a failure, not a pass.');
  console.error(verdict.broken);
  if (run.stderr) console.error(run.stderr.trim().split('\n').slice(-5).join('\n'));
  process.exit(2);
}
for (const f of verdict.allowed) {
  console.log(`allowed  ${f.severity} ${f.package} ${f.advisory} (see audit-allowlist.json)`);
}
for (const e of verdict.unused) {
  console.log(`note: allow-list entry ${e.advisory} (${e.package}) matched nothing; remove it`);
}
const listProblems = [...problems, ...verdict.listProblems];
for (const p of listProblems) console.error(`allow-list: ${p}`);
for (const f of verdict.blocking) {
  console.error(`BLOCKING ${f.severity} ${f.package} ${f.advisory}: ${f.title}`);
}
if (verdict.blocking.length > 0 || listProblems.length > 0) {
  console.error('Fix: update the dependency, or add a reasoned, dated entry to audit-allowlist.json.');
  process.exit(1);
}
console.log('npm audit: no high or critical advisory in production dependencies.');
