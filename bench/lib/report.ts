// Formats the bench report for stdout: a table of medians, then every target with PASS or FAIL.

import type { Results, Target, Unit } from './types';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Bytes are whole; ms, mb and ratios always show two decimals so the columns line up. */
function formatNumber(n: number, unit?: Unit): string {
  return unit === 'bytes' ? String(Math.round(n)) : n.toFixed(2);
}

export function formatResults(results: Results): string {
  const rows = [['metric', 'median', 'unit', 'runs']];
  for (const [name, r] of Object.entries(results)) {
    rows.push([name, formatNumber(r.median, r.unit), r.unit, String(r.runs)]);
  }
  return table(rows);
}

export interface TargetOutcome {
  target: Target;
  value: number | undefined;
  pass: boolean;
}

export function evaluateTargets(targets: readonly Target[], results: Results): TargetOutcome[] {
  return targets.map((target) => {
    const value = target.value(results);
    const pass = value !== undefined && (target.inclusive ? value <= target.limit : value < target.limit);
    return { target, value, pass };
  });
}

export function formatTargets(outcomes: readonly TargetOutcome[]): string {
  const rows = [['target', 'value', 'limit', 'result']];
  for (const { target, value, pass } of outcomes) {
    rows.push([
      target.label,
      value === undefined ? 'missing' : formatNumber(value),
      `${target.inclusive ? '<=' : '<'} ${formatNumber(target.limit)}`,
      pass ? 'PASS' : 'FAIL',
    ]);
  }
  return table(rows);
}

/** Target on one metric's median. */
export function medianBelow(metric: string, limit: number, inclusive = false): Target {
  return { label: metric, value: (r) => r[metric]?.median, limit, inclusive };
}

/**
 * Target on one metric's median, at most `limit`; `floor` names what a ratio metric was divided by,
 * so the report prints every ratio beside its floor (e.g. "popup_ready_10k_ratio (= a / b)").
 */
export function medianAtMost(metric: string, limit: number, floor?: string): Target {
  return {
    label: floor ? `${metric} (= ${floor})` : metric,
    value: (r) => r[metric]?.median,
    limit,
    inclusive: true,
  };
}

/** Target on the ratio of two medians, e.g. ours / a peer implementation's. */
export function ratioAtMost(numerator: string, denominator: string, limit: number, label?: string): Target {
  return {
    label: label ?? `${numerator} / ${denominator}`,
    value: (r) => {
      const n = r[numerator]?.median;
      const d = r[denominator]?.median;
      return n === undefined || d === undefined || d === 0 ? undefined : n / d;
    },
    limit,
    inclusive: true,
  };
}
