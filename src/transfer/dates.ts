/**
 * Dates in other managers' exports, read as milliseconds since 1970 for Item.passwordChangedAt.
 * Anything that is not a plausible date (missing, unparsable, before 1990) is null: the vault then
 * dates the password at the import, which never makes a password look older than it is.
 */

/** 1990-01-01: no password manager export predates it; smaller numbers are a wrong unit or junk. */
const EARLIEST = Date.UTC(1990, 0, 1);

function plausible(ms: number): number | null {
  return Number.isFinite(ms) && ms >= EARLIEST ? Math.trunc(ms) : null;
}

/** An ISO 8601 text such as Bitwarden's "2023-04-01T10:00:00.000Z". */
export function isoTimeMs(value: unknown): number | null {
  return typeof value === 'string' && value.trim() ? plausible(Date.parse(value)) : null;
}

/** A number (or numeric text) of seconds (1Password) or milliseconds (Firefox) since 1970. */
export function epochTimeMs(value: unknown, unit: 's' | 'ms'): number | null {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' ? plausible(unit === 's' ? n * 1000 : n) : null;
}
