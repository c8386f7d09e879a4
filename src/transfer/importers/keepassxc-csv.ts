/**
 * KeePassXC CSV export: "Group","Title","Username","Password","URL","Notes", and since 2.6
 * "TOTP","Icon","Last Modified","Created" (newer versions may add "Tags").
 *
 * Safety fact: entries in the Recycle Bin group are skipped with a reason, as the trash of the
 * other managers is. KeePassXC names that group in the language it ran in when the bin was first
 * used ("Papierkorb", "Corbeille", ...), so every name in RECYCLE_BIN counts, not only English. The group path (without the database's root group) is kept as a "Folder"
 * field, since Tessera has no folders and the path is how people find entries again.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { FieldList, ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const REQUIRED = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes'];

/**
 * "Recycle Bin" as KeePassXC's (and KeePass 2's) translations name it, lower-cased. Only a group
 * directly under the root counts: that is where KeePassXC creates it.
 */
const RECYCLE_BIN = new Set(
  [
    'Recycle Bin',
    'Papierkorb', // de
    'Corbeille', // fr
    'Papelera', // es
    'Papelera de reciclaje', // es
    'Cestino', // it
    'Prullenbak', // nl
    'Lixeira', // pt-BR
    'Reciclagem', // pt-PT
    'Lixo', // pt-PT
    'Kosz', // pl
    'Корзина', // ru
    'Кошик', // uk
    'Смітник', // uk
    'Koš', // cs, sl
    'Kôš', // sk
    'Papperskorg', // sv
    'Papirkurv', // da, nb
    'Roskakori', // fi
    'Lomtár', // hu
    'Geri Dönüşüm Kutusu', // tr
    'Çöp Kutusu', // tr
    'ごみ箱', // ja
    'ゴミ箱', // ja
    '回收站', // zh-CN
    '資源回收筒', // zh-TW
    '回收筒', // zh-TW
    '휴지통', // ko
    'Κάδος ανακύκλωσης', // el
    'Paperera', // ca
    'Prügikast', // et
    'Šiukšlinė', // lt
    'Miskaste', // lv
    'Coș de gunoi', // ro
    'Koš za smeće', // hr
    'Корпа за отпатке', // sr
    'Кошче', // bg
    'סל מחזור', // he
    'سلة المحذوفات', // ar
    'سطل بازیافت', // fa
    'Tong Sampah', // id
    'Thùng rác', // vi
    'ถังขยะ', // th
  ].map((name) => name.toLowerCase()),
);

export const keepassxcCsv: Importer = {
  id: 'keepassxc-csv',
  label: 'KeePassXC (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    return REQUIRED.every((c) => header.includes(c.toLowerCase())) ? 0.9 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, REQUIRED, 'KeePassXC CSV');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const title = col.get(cells, 'Title');
      const path = col.get(cells, 'Group').split('/');
      const folder = path.slice(1).join('/');
      const top = (path[1] ?? '').trim();
      if (path.length > 1 && RECYCLE_BIN.has(top.toLowerCase())) {
        out.skip(
          row,
          top === 'Recycle Bin'
            ? 'it is in the KeePassXC Recycle Bin'
            : `it is in the KeePassXC Recycle Bin (named "${top}" in KeePassXC's language)`,
          title,
        );
        continue;
      }
      const fields = new FieldList().add('Folder', folder).add('Tags', col.get(cells, 'Tags'));
      out.add(row, {
        name: title,
        username: col.get(cells, 'Username'),
        password: col.get(cells, 'Password'),
        urls: [col.get(cells, 'URL')],
        notes: col.get(cells, 'Notes'),
        totp: col.get(cells, 'TOTP'),
        fields: fields.list,
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};
