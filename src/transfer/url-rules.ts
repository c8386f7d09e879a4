/**
 * Per-URL autofill rules (Bitwarden's per-URI match, Proton Pass's per-URL mode) onto Tessera's one
 * rule per item, without ever turning a URL someone marked "never" into a URL Tessera fills on.
 *
 * Safety fact: a URL whose rule is "never" (or a rule this importer does not know) is never put in
 * the item's URLs beside URLs that fill; it is kept in a "Never fill on" custom field instead,
 * which autofill does not read, and the item is listed as changed in the preview with the URL.
 * An item whose every URL is "never" keeps its URLs with the item rule "never" (exact).
 *
 * When the URLs that fill have different rules, the item gets the strictest ("host" over
 * "domain"), so no URL fills on more pages than it did before; that is listed as a change too.
 */

import type { UrlMatch } from '../vault/types';
import type { FieldList } from './result';

export interface RuledUrl {
  url: string;
  /** The URL's own rule; null for "the manager's default", which is Tessera's "domain". */
  rule: UrlMatch | null;
  /** The manager's word for a rule Tessera does not know: handled like "never", and named. */
  unknownRule?: string;
}

export const NEVER_FIELD = 'Never fill on';

export interface ItemRules {
  urls: string[];
  match: UrlMatch;
  changes: string[];
}

const shown = (urls: string[]) =>
  urls
    .slice(0, 3)
    .map((u) => `"${u.length > 60 ? `${u.slice(0, 59)}…` : u}"`)
    .join(', ') + (urls.length > 3 ? ` and ${urls.length - 3} more` : '');

/** The item's URLs and rule from per-URL rules; URLs held back go into `fields` (NEVER_FIELD). */
export function applyUrlRules(list: readonly RuledUrl[], fields: FieldList): ItemRules {
  const present = list.map((u) => ({ ...u, url: u.url.trim() })).filter((u) => u.url !== '');
  const heldBack = present.filter((u) => u.rule === 'never' || u.unknownRule !== undefined);
  const filling = present.filter((u) => !heldBack.includes(u));
  if (filling.length === 0) {
    const unknown = heldBack.filter((u) => u.unknownRule !== undefined);
    return {
      urls: heldBack.map((u) => u.url),
      match: heldBack.length > 0 ? 'never' : 'domain',
      changes: unknown.length
        ? [
            `its URL ${shown(unknown.map((u) => u.url))} had an autofill rule Tessera does not know ("${unknown[0]!.unknownRule}"), so the item is set never to fill`,
          ]
        : [],
    };
  }
  const changes: string[] = [];
  const rules = new Set(filling.map((u) => u.rule ?? 'domain'));
  const match: UrlMatch = rules.has('host') ? 'host' : 'domain';
  if (rules.size > 1) {
    changes.push(
      'its URLs had different match rules; Tessera keeps one rule per item, so all of them now use the stricter one (same host only)',
    );
  }
  if (heldBack.length > 0) {
    fields.add(NEVER_FIELD, heldBack.map((u) => u.url).join('\n'));
    const why = heldBack.some((u) => u.unknownRule !== undefined)
      ? `were marked never to fill, or had an autofill rule Tessera does not know ("${heldBack.find((u) => u.unknownRule !== undefined)!.unknownRule}")`
      : 'were marked never to fill';
    changes.push(
      `${heldBack.length === 1 ? 'its URL' : 'its URLs'} ${shown(heldBack.map((u) => u.url))} ${heldBack.length === 1 ? why.replace('were', 'was') : why}; Tessera has one rule per item, so ${heldBack.length === 1 ? 'it is' : 'they are'} kept in the field "${NEVER_FIELD}" and Tessera does not fill there`,
    );
  }
  return { urls: filling.map((u) => u.url), match, changes };
}
