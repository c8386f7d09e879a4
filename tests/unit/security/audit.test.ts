// The supply-chain gate's policy (scripts/audit-policy.ts) over npm audit reports shaped like
// npm 10's `npm audit --json` (auditReportVersion 2), without the network.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AllowEntry, evaluate, parseAllowList } from '../../../scripts/audit-policy';

const GHSA = 'GHSA-abcd-1234-wxyz';

function report(severity: string, counts: Record<string, number> = { [severity]: 1 }) {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      leftpad: {
        name: 'leftpad',
        severity,
        via: [
          {
            source: 1099999,
            name: 'leftpad',
            title: 'Prototype pollution',
            url: `https://github.com/advisories/${GHSA}`,
            severity,
          },
        ],
      },
      // Vulnerable only through leftpad: names it, carries no advisory of its own.
      wrapper: { name: 'wrapper', severity, via: ['leftpad'] },
    },
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts, total: 1 },
    },
  });
}

const CLEAN = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {},
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } },
});

const entry = (expires: string): AllowEntry => ({
  advisory: GHSA,
  package: 'leftpad',
  reason: 'only reachable from the CSV importer with options we never pass',
  expires,
});

describe('audit policy', () => {
  it('a clean report passes', () => {
    expect(evaluate(CLEAN, [], '2026-11-26')).toMatchObject({ blocking: [], listProblems: [] });
    expect(evaluate(CLEAN, [], '2026-11-26').broken).toBeUndefined();
  });

  it.each(['high', 'critical'])('a %s advisory blocks, once per advisory', (severity) => {
    const verdict = evaluate(report(severity), [], '2026-11-26');
    expect(verdict.blocking).toEqual([
      { package: 'leftpad', advisory: GHSA, severity, title: 'Prototype pollution' },
    ]);
  });

  it('a moderate advisory does not block', () => {
    expect(evaluate(report('moderate'), [], '2026-11-26').blocking).toEqual([]);
  });

  it('an allow-list entry accepts its advisory until it expires', () => {
    const live = evaluate(report('high'), [entry('2026-12-31')], '2026-11-26');
    expect(live.blocking).toEqual([]);
    expect(live.allowed).toHaveLength(1);
    const expired = evaluate(report('high'), [entry('2026-11-01')], '2026-11-26');
    expect(expired.blocking).toHaveLength(1);
    expect(expired.listProblems).toEqual([expect.stringMatching(/expired on 2026-11-01/)]);
  });

  it('an unused entry is reported as stale', () => {
    expect(evaluate(CLEAN, [entry('2026-12-31')], '2026-11-26').unused).toHaveLength(1);
  });

  it('an unreachable registry, non-JSON output or an incomplete report is "broken", never a pass', () => {
    const registryError = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
    });
    expect(evaluate(registryError, [], '2026-11-26').broken).toMatch(/could not query the registry/);
    expect(evaluate(JSON.stringify({ error: { code: 'ENOTFOUND' } }), [], '2026-11-26').broken).toBeDefined();
    expect(evaluate('npm ERR! network', [], '2026-11-26').broken).toMatch(/JSON/);
    expect(evaluate('{}', [], '2026-11-26').broken).toMatch(/incomplete/);
    const countsOnly = JSON.stringify({
      vulnerabilities: {},
      metadata: { vulnerabilities: { high: 2, critical: 0, total: 2 } },
    });
    expect(evaluate(countsOnly, [], '2026-11-26').broken).toMatch(/names none/);
  });

  it('allow-list entries need an advisory, a package, a reason and a real expiry date', () => {
    const text = JSON.stringify({
      allow: [entry('2026-12-31'), { ...entry('2026-12-31'), reason: '' }, { ...entry('someday') }],
    });
    const parsed = parseAllowList(text);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.problems).toEqual([
      expect.stringMatching(/entry 2 lacks reason/),
      expect.stringMatching(/entry 3 .* no valid expiry/),
    ]);
    expect(parseAllowList('{').problems).toHaveLength(1);
  });

  it("the project's allow-list parses cleanly", async () => {
    const text = await readFile(path.resolve(import.meta.dirname, '../../../audit-allowlist.json'), 'utf8');
    expect(parseAllowList(text).problems).toEqual([]);
  });
});
