/**
 * Export to Bitwarden's unencrypted JSON format, so people can leave for Bitwarden (or any manager
 * that reads it: KeePassXC, Proton Pass, 1Password, ...) with everything.
 *
 * Safety fact: the file is NOT encrypted; the UI must warn and ask for the master password first.
 *
 * Mapping, the inverse of importers/bitwarden-json.ts so that an export re-imports equal: items
 * with a username, password, URL, TOTP or a fill rule other than the default are logins (type 1),
 * others secure notes (type 2); custom fields keep their hidden flag (type 1 hidden, 0 text); the
 * item's match rule goes on every URI (domain → null, the default; host → 1; never → 5), and an
 * item without URLs whose rule is not the default gets one URI without an address
 * ({ uri: null, match: 5 } for never), so an item someone marked never to fill keeps that mark
 * through a round trip. Passkeys go in login.fido2Credentials with their private keys
 * (bitwarden-fido2.ts). Tessera ids are not written: Bitwarden assigns its own on import.
 *
 * The JSON is compact (no indentation): a large vault pretty-printed grows by a third and could
 * pass the 32 MiB that Tessera's own import reads (limits.ts). Strings go through cleanText like
 * the CSV export's, so both exports carry the same text.
 */

import { passwordSetAt } from '../vault/password-age';
import type { Item } from '../vault/types';
import { fido2FromPasskeys } from './bitwarden-fido2';
import { cleanItemText } from './clean-text';

const MATCH = { domain: null, host: 1, never: 5 } as const;

/** ISO time for Bitwarden's date fields; null rather than a throw for an impossible timestamp. */
function isoTime(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function exportBitwardenJson(items: readonly Item[]): string {
  const exported = items.map((raw) => {
    const item = cleanItemText(raw);
    // An item with a fill rule of its own but no URL is still written as a login, to carry the rule.
    const isLogin =
      item.username !== '' ||
      item.password !== '' ||
      item.urls.length > 0 ||
      item.totp !== '' ||
      item.match !== 'domain' ||
      (item.passkeys?.length ?? 0) > 0;
    const base = {
      passwordHistory: null,
      revisionDate: isoTime(item.updatedAt),
      creationDate: isoTime(item.createdAt),
      deletedDate: null,
      organizationId: null,
      folderId: null,
      type: isLogin ? 1 : 2,
      reprompt: 0,
      name: item.name,
      notes: item.notes === '' ? null : item.notes,
      favorite: item.favorite,
      fields: item.fields.map((f) => ({
        name: f.name,
        value: f.value,
        type: f.hidden ? 1 : 0,
        linkedId: null,
      })),
      collectionIds: null,
    };
    return isLogin
      ? {
          ...base,
          login: {
            fido2Credentials: fido2FromPasskeys(item.passkeys ?? [], isoTime),
            uris:
              item.urls.length === 0 && item.match !== 'domain'
                ? [{ match: MATCH[item.match], uri: null }]
                : item.urls.map((uri) => ({ match: MATCH[item.match], uri })),
            username: item.username === '' ? null : item.username,
            password: item.password === '' ? null : item.password,
            totp: item.totp === '' ? null : item.totp,
            // The password's date, under the name Bitwarden's CLI gives it (`bw list items`); Bitwarden's
            // importer ignores it, Tessera's reads it back (importers/bitwarden-json.ts).
            passwordRevisionDate: isoTime(passwordSetAt(item)),
          },
        }
      : { ...base, secureNote: { type: 0 } };
  });
  return `${JSON.stringify({ encrypted: false, folders: [], items: exported })}\n`;
}
