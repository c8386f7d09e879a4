/**
 * Firefox "Export Logins" CSV: url, username, password, httpRealm, formActionOrigin, guid and
 * three timestamps.
 *
 * Safety fact: the row Firefox writes for its own account (url "chrome://FirefoxAccounts") holds
 * Firefox Sync keys, not a website login; it is skipped with a reason rather than imported.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { epochTimeMs } from '../dates';
import { FieldList, hostOf, ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const REQUIRED = ['url', 'username', 'password'];
const FIREFOX_ONLY = ['httpRealm', 'formActionOrigin', 'guid', 'timePasswordChanged'];

export const firefoxCsv: Importer = {
  id: 'firefox-csv',
  label: 'Firefox (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    if (!REQUIRED.every((c) => header.includes(c))) return 0;
    return FIREFOX_ONLY.some((c) => header.includes(c.toLowerCase())) ? 0.95 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, REQUIRED, 'Firefox logins');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const url = col.get(cells, 'url').trim();
      if (/^chrome:\/\//i.test(url)) {
        out.skip(row, `it is Firefox's own account data (${url}), not a website login`);
        continue;
      }
      // An HTTP authentication login (the browser's own sign-in dialog) is only recognisable by
      // its realm, so the realm is kept; formActionOrigin, guid and timestamps are bookkeeping.
      const fields = new FieldList().add('HTTP realm', col.get(cells, 'httpRealm'));
      out.add(row, {
        name: hostOf(url),
        urls: [url],
        username: col.get(cells, 'username'),
        password: col.get(cells, 'password'),
        fields: fields.list,
        passwordChangedAt: epochTimeMs(col.get(cells, 'timePasswordChanged'), 'ms'),
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};
