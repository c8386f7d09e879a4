/**
 * Two-factor accounts as links in a text file: Google Authenticator's export links
 * (`otpauth-migration://offline?data=...`, one per QR code the app shows, read with any QR reader)
 * and plain `otpauth://totp/...` links (Aegis, 2FAS and andOTP plain-text exports), one per line.
 * Each account becomes a login named after its issuer, with the account as username and the
 * otpauth:// link as its two-factor secret.
 *
 * Counter-based (HOTP) and MD5 accounts are skipped with the reason: Tessera shows time-based
 * codes only, and a wrong code is worse than none.
 */

import { isMigrationUri, isOtpError, parseMigrationUri, parseOtpSecret } from '../../totp';
import { decodeText } from '../decode';
import { ResultBuilder } from '../result';
import type { Importer } from '../types';

const LINK = /^(otpauth-migration|otpauth):\/\//i;

function links(text: string): { row: number; link: string }[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ row: i + 1, link: line.trim() }))
    .filter(({ link }) => LINK.test(link));
}

export const otpauthLinks: Importer = {
  id: 'otpauth-links',
  label: 'Google Authenticator export or otpauth:// links (text)',
  extensions: ['.txt'],

  detect(input) {
    try {
      const text = decodeText(input);
      // Most files are CSV or JSON: one look at the first line settles those before any split.
      if (!LINK.test(text.trimStart())) return 0;
      const lines = text.split(/\r?\n/).filter((l) => l.trim());
      return lines.every((l) => LINK.test(l.trim())) ? 0.95 : 0;
    } catch {
      return 0;
    }
  },

  parse(input) {
    const out = new ResultBuilder();
    for (const { row, link } of links(decodeText(input))) {
      if (!isMigrationUri(link)) {
        const params = parseOtpSecret(link);
        if (isOtpError(params)) {
          out.skip(row, params.message);
          continue;
        }
        out.add(row, {
          name: params.issuer || params.account,
          username: params.account,
          totp: link,
          kind: 'login',
        });
        continue;
      }
      let accounts: ReturnType<typeof parseMigrationUri>['accounts'];
      try {
        accounts = parseMigrationUri(link).accounts;
      } catch (err) {
        out.skip(row, err instanceof Error ? err.message : 'the link cannot be read');
        continue;
      }
      for (const account of accounts) {
        const name = account.issuer || account.name;
        if (!account.uri) out.skip(row, `it is ${account.problem ?? 'not a time-based account'}`, name);
        else out.add(row, { name, username: account.name, totp: account.uri, kind: 'login' });
      }
    }
    return out.finish();
  },
};
