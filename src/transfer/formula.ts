/**
 * Escaping CSV cells against formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell
 * that starts with = + - @ (or a tab or carriage return before one) as a formula, so an exported
 * item named "=HYPERLINK(...)" could run when the file is opened. Such cells get a leading "'",
 * which spreadsheets treat as "this is text".
 *
 * Safety fact: the escape is reversible only because a cell that already starts with "'" is
 * escaped too. unescapeCell is applied by Tessera's own CSV importer only; other managers' CSV
 * files never went through escapeCell, so their leading quotes are data and are kept.
 */

const NEEDS_ESCAPE = /^[=+\-@\t\r']/;

export function escapeCell(value: string): string {
  return NEEDS_ESCAPE.test(value) ? `'${value}` : value;
}

export function unescapeCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}
