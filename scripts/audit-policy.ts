/**
 * The dependency-audit policy (issue #8, supply chain), as pure functions over `npm audit --json`
 * output so it can be tested without the network. scripts/audit.mjs runs it in CI.
 *
 * Safety fact: a report that is not a complete audit (the registry did not answer, the output is
 * not JSON, the counts are missing) is an error, never "no findings": CI must not pass because the
 * audit could not run.
 */

export const BLOCKING = ['high', 'critical'] as const;

/** One accepted finding: which advisory in which package, why it is acceptable, and until when. */
export interface AllowEntry {
  advisory: string;
  package: string;
  reason: string;
  /** YYYY-MM-DD; after this day the entry no longer applies. */
  expires: string;
}

export interface Finding {
  package: string;
  advisory: string;
  severity: string;
  title: string;
}

export interface Verdict {
  /** The audit could not run or its report is incomplete: fail, loudly. */
  broken?: string;
  blocking: Finding[];
  allowed: Finding[];
  /** Problems with the allow-list itself (expired, malformed): these fail too. */
  listProblems: string[];
  /** Entries that matched nothing (stale): reported, not failed. */
  unused: AllowEntry[];
}

interface AuditVia {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}

/** Parses the allow-list file's content; every entry needs all four fields and a real date. */
export function parseAllowList(text: string): { entries: AllowEntry[]; problems: string[] } {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { entries: [], problems: [`allow-list is not JSON: ${String(err)}`] };
  }
  const list = (data as { allow?: unknown })?.allow;
  if (!Array.isArray(list)) return { entries: [], problems: ['allow-list has no "allow" array'] };
  const entries: AllowEntry[] = [];
  list.forEach((raw, i) => {
    const e = raw as Partial<AllowEntry>;
    const missing = (['advisory', 'package', 'reason', 'expires'] as const).filter(
      (k) => typeof e[k] !== 'string' || e[k]!.trim() === '',
    );
    if (missing.length > 0) problems.push(`allow-list entry ${i + 1} lacks ${missing.join(', ')}`);
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(e.expires!) || Number.isNaN(Date.parse(e.expires!)))
      problems.push(`allow-list entry ${i + 1} (${e.advisory}) has no valid expiry date (YYYY-MM-DD)`);
    else entries.push(e as AllowEntry);
  });
  return { entries, problems };
}

/** The advisory id of a finding: the GHSA id from its URL, else npm's numeric source id. */
function advisoryId(via: AuditVia): string {
  const ghsa = via.url?.match(/GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/i)?.[0];
  return ghsa ?? String(via.source ?? via.title ?? 'unknown');
}

export function evaluate(reportText: string, allowList: AllowEntry[], today: string): Verdict {
  const verdict: Verdict = { blocking: [], allowed: [], listProblems: [], unused: [] };
  let report: {
    error?: unknown;
    message?: string;
    vulnerabilities?: Record<string, { via?: (AuditVia | string)[] }>;
    metadata?: { vulnerabilities?: Record<string, number> };
  };
  try {
    report = JSON.parse(reportText);
  } catch {
    return { ...verdict, broken: `npm audit did not print a JSON report: ${reportText.slice(0, 300)}` };
  }
  if (report.error !== undefined || report.message !== undefined) {
    const detail = report.message ?? JSON.stringify(report.error).slice(0, 300);
    return { ...verdict, broken: `npm audit could not query the registry: ${detail}` };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!report.vulnerabilities || !counts || typeof counts.total !== 'number') {
    return { ...verdict, broken: 'npm audit printed an incomplete report (no vulnerabilities/metadata)' };
  }

  const live = allowList.filter((e) => {
    if (e.expires < today) {
      verdict.listProblems.push(`allow-list entry ${e.advisory} (${e.package}) expired on ${e.expires}`);
      return false;
    }
    return true;
  });
  const used = new Set<AllowEntry>();
  const seen = new Set<string>();
  for (const [pkg, vuln] of Object.entries(report.vulnerabilities)) {
    for (const via of vuln.via ?? []) {
      // A string names another vulnerable package; its own entry carries the advisory.
      if (typeof via === 'string') continue;
      const severity = via.severity ?? 'unknown';
      if (!(BLOCKING as readonly string[]).includes(severity)) continue;
      const finding: Finding = {
        package: via.name ?? pkg,
        advisory: advisoryId(via),
        severity,
        title: via.title ?? '',
      };
      const key = `${finding.package} ${finding.advisory}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = live.find((e) => e.advisory === finding.advisory && e.package === finding.package);
      if (entry) {
        used.add(entry);
        verdict.allowed.push(finding);
      } else verdict.blocking.push(finding);
    }
  }
  // Blocking counts without an advisory object we could read still fail: never trust a silent zero.
  const blockingCount = (counts.high ?? 0) + (counts.critical ?? 0);
  if (blockingCount > 0 && verdict.blocking.length + verdict.allowed.length === 0) {
    verdict.broken = `npm audit counts ${blockingCount} high/critical finding(s) but names none`;
  }
  verdict.unused = live.filter((e) => !used.has(e));
  return verdict;
}
