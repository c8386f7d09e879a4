/**
 * Overview chunks as format 3 stores them: text columns (src/vault/format.ts, encodeChunk and
 * decodeChunk). What goes in comes out, through JSON as the sealed record holds it, for any text
 * (astral characters count two UTF-16 units, as slice counts them); the tuples of formats 1 and 2
 * still decode; and a chunk whose columns do not agree (lengths that do not add up to their text, a
 * bad length, a row or column missing) is refused. The chunk is authenticated before it is decoded,
 * so these guard against our own writer's mistakes, not a page's or a server's.
 */
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, encodeOverviews, type OverviewColumns } from '../../../src/vault/format';
import type { ItemOverview, UrlMatch } from '../../../src/vault/types';
import { seededRandom } from '../seeded-random';

function overview(fields: Partial<ItemOverview> & { id: string }): ItemOverview {
  return { name: '', username: '', urls: [], match: 'domain', favorite: false, updatedAt: 0, ...fields };
}

/** As the chunk is stored: JSON text, parsed again when it is opened. */
function throughJson(chunk: unknown): unknown {
  return JSON.parse(JSON.stringify(chunk));
}

const VARIED: ItemOverview[] = [
  overview({
    id: 'a1',
    name: 'Bank – everything',
    username: 'alice@example.com',
    urls: ['https://bank.example.com/login', 'https://m.bank.example.com/', 'android://com.example.bank'],
    favorite: true,
    updatedAt: 1_764_000_000_123,
  }),
  overview({ id: 'b2', match: 'host' }),
  overview({
    id: 'c3-ünïcode',
    name: 'Ünïcödé 名前 🗝️ e\u0301',
    username: 'ユーザー@例え.jp',
    urls: ['https://例え.jp/'],
    match: 'never',
    passkeyRpIds: ['例え.jp', 'login.example.org'],
  }),
  overview({ id: 'd4', name: '"quoted" \\ back\\slash\n\ttab\u0000nul', username: '👩\u200d💻', urls: [''] }),
];

describe('overview text columns', () => {
  it('give back every overview, field for field, through JSON', () => {
    expect(decodeChunk(throughJson(encodeChunk(VARIED)))).toEqual(VARIED);
  });

  it('hold each text field once per chunk, and a passkey column only when a row has a passkey', () => {
    const chunk = encodeChunk(VARIED);
    expect(chunk.name[0]).toBe(VARIED.map((o) => o.name).join(''));
    expect(chunk.urls[1]).toEqual([30, 27, 26, 14, 0]);
    expect(chunk.urlCount).toEqual([3, 0, 1, 1]);
    expect(chunk.passkeyRpIds).toEqual([[], [], ['例え.jp', 'login.example.org'], []]);

    const without = encodeChunk(VARIED.filter((o) => !o.passkeyRpIds));
    expect(without).not.toHaveProperty('passkeyRpIds');
    const decoded = decodeChunk(throughJson(without));
    expect(decoded.every((o) => !('passkeyRpIds' in o))).toBe(true);
  });

  it('read an empty chunk', () => {
    expect(decodeChunk(throughJson(encodeChunk([])))).toEqual([]);
  });

  it('give back random overviews of any text (seeded)', () => {
    const random = seededRandom(20261203);
    const int = (n: number) => Math.floor(random() * n);
    // Every plane: ASCII, Latin-1, BMP (CJK, combining marks), astral (emoji, surrogate pairs).
    const alphabet = [
      'a',
      'Z',
      '0',
      ' ',
      '"',
      '\\',
      '\n',
      'é',
      '\u0301',
      '名',
      '\u200d',
      '🔐',
      '𝄞',
      '\u{10ffff}',
      // Lone surrogates, which JSON escapes: side by side in one value or across two, they must
      // come back as they were.
      '\ud800',
      '\udc00',
    ];
    const text = () => Array.from({ length: int(40) }, () => alphabet[int(alphabet.length)]).join('');
    const matches: UrlMatch[] = ['domain', 'host', 'never'];
    for (let round = 0; round < 50; round++) {
      const list = Array.from({ length: int(300) }, (_, i) =>
        overview({
          id: `${round}-${i}-${text()}`,
          name: text(),
          username: text(),
          urls: Array.from({ length: int(4) }, text),
          match: matches[int(3)]!,
          favorite: random() < 0.5,
          updatedAt: int(2 ** 52),
          ...(random() < 0.1 ? { passkeyRpIds: [text()] } : {}),
        }),
      );
      expect(decodeChunk(throughJson(encodeChunk(list)))).toEqual(list);
    }
  });

  it('still read the tuples of formats 1 and 2', () => {
    expect(decodeChunk(throughJson(encodeOverviews(VARIED)))).toEqual(VARIED);
  });
});

describe('a chunk whose columns do not agree is refused', () => {
  const cases: [string, (c: OverviewColumns) => void][] = [
    [
      'a name one unit longer than its text',
      (c) => {
        c.name[1][0]! += 1;
      },
    ],
    [
      'a negative length',
      (c) => {
        c.name[1][0] = -1;
      },
    ],
    [
      'a length that is not a number',
      (c) => {
        c.username[1][0] = 'x' as never;
      },
    ],
    [
      'name lengths with a negative one, still adding up to the text',
      (c) => {
        // Rows 1-3, [a, b, d] -> [a + b, -b, b + d]: the same sum; without the check the rows would
        // be cut in the wrong places. (Row 2's name is not empty, so -b is really negative.)
        const [, a, b, d] = c.name[1] as [number, number, number, number];
        expect(b).toBeGreaterThan(0);
        c.name[1].splice(1, 3, a + b, -b, b + d);
      },
    ],
    [
      'URL lengths with a negative one, still adding up to the text',
      (c) => {
        const [a, b, d] = c.urls[1] as [number, number, number];
        c.urls[1].splice(0, 3, a + b, -b, b + d);
      },
    ],
    ['a missing length', (c) => c.id[1].pop()],
    [
      'one URL too many for its text',
      (c) => {
        c.urlCount[1]! += 1;
      },
    ],
    ['a row missing from a column', (c) => c.match.pop()],
    ['a missing column', (c) => delete (c as Partial<OverviewColumns>).favorite],
    [
      'a text column that is not text',
      (c) => {
        c.id = [42, [1]] as never;
      },
    ],
    ['a passkey column of the wrong length', (c) => c.passkeyRpIds!.pop()],
  ];

  it.each(cases)('%s', (_what, damage) => {
    const chunk = throughJson(encodeChunk(VARIED)) as OverviewColumns;
    damage(chunk);
    expect(() => decodeChunk(chunk)).toThrow(TypeError);
  });

  it.each([['text', 'chunk'] as const, ['null', null] as const])('a chunk that is %s', (_what, value) => {
    expect(() => decodeChunk(value)).toThrow(TypeError);
  });
});
