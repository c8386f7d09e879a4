// The list as pages receive it (src/messages/list-codec.ts): columns that decode back to the same
// entries in the same order, nothing but id, name, username and URLs, and a clear TypeError for
// text that is not that layout.

import { describe, expect, it } from 'vitest';
import { decodeList, encodedList, encodeList } from '../../../src/messages/list-codec';
import type { ItemOverview } from '../../../src/vault/types';

function overview(id: string, name: string, username: string, urls: string[]): ItemOverview {
  return { id, name, username, urls, match: 'host', favorite: true, updatedAt: 1_700_000_000_000 };
}

const LIST: ItemOverview[] = [
  overview('a1', 'Bank', 'ana@example.org', ['https://bank.example/login', 'https://m.bank.example/']),
  overview('b2', 'No URL', '', []),
  overview('c3', 'Ünïcödé "quoted"\n name', 'x\u0000y', ['not a url, with spaces', '']),
  overview('d4', 'Last', 'z', ['https://last.example/']),
];

describe('list codec', () => {
  it('round-trips entries in order, URLs included, and drops match, favourite and date', () => {
    expect(decodeList(encodeList(LIST))).toEqual(
      LIST.map(({ id, name, username, urls }) => ({ id, name, username, urls })),
    );
  });

  it('encodes columns: ids, names, usernames, URL counts, then every URL in order', () => {
    expect(JSON.parse(encodeList(LIST.slice(0, 2)))).toEqual([
      ['a1', 'b2'],
      ['Bank', 'No URL'],
      ['ana@example.org', ''],
      [2, 0],
      ['https://bank.example/login', 'https://m.bank.example/'],
      [],
    ]);
  });

  it('encodes an empty list as six empty columns, and decodes it back (five: a snapshot from before passkeys)', () => {
    expect(encodeList([])).toBe('[[],[],[],[],[],[]]');
    expect(decodeList('[[],[],[],[],[],[]]')).toEqual([]);
    expect(decodeList('[["a"],["A"],["u"],[0],[]]')).toEqual([
      { id: 'a', name: 'A', username: 'u', urls: [] },
    ]);
  });

  it('marks the items that hold a passkey by position, and nothing else about the passkey', () => {
    const withPasskey = { ...LIST[1]!, passkeyRpIds: ['bank.example'] };
    const text = encodeList([LIST[0]!, withPasskey, LIST[2]!]);
    expect(JSON.parse(text)[5]).toEqual([1]);
    expect(text).not.toContain('bank.example"]'); // RP IDs stay in the background
    const decoded = decodeList(text);
    expect(decoded.map((e) => e.hasPasskey)).toEqual([undefined, true, undefined]);
    expect(decodeList(encodeList(decoded))).toEqual(decoded);
  });

  it.each([
    ['not JSON', '{', SyntaxError],
    ['not an array', '{"ids":[]}', TypeError],
    ['four columns', '[[],[],[],[]]', TypeError],
    ['seven columns', '[[],[],[],[],[],[],[]]', TypeError],
    ['a passkey mark for no item', '[["a"],["A"],["u"],[0],[],[1]]', TypeError],
    ['a passkey mark that is not a position', '[["a"],["A"],["u"],[0],[],["0"]]', TypeError],
    ['a column that is not an array', '[[],[],[],[],"x"]', TypeError],
    ['columns of different lengths', '[["a"],["A"],[],[0],[]]', TypeError],
    ['a negative URL count', '[["a"],["A"],["u"],[-1],[]]', TypeError],
    ['a fractional URL count', '[["a"],["A"],["u"],[0.5],["x"]]', TypeError],
    ['a URL count as text', '[["a"],["A"],["u"],["1"],["x"]]', TypeError],
    ['counts that promise more URLs than there are', '[["a"],["A"],["u"],[2],["x"]]', TypeError],
    ['URLs left over after the counts', '[["a"],["A"],["u"],[0],["x"]]', TypeError],
    ['an id that is not text', '[[7],["A"],["u"],[0],[]]', TypeError],
    ['the old tuple layout', '[["a","A","u",["x"],"domain",0,1]]', TypeError],
  ])('refuses %s', (_what, text, error) => {
    expect(() => decodeList(text)).toThrow(error);
  });

  it('encodes each version of a vault list once, and again after it changes', () => {
    let reads = 0;
    const counted = (entry: ItemOverview): ItemOverview =>
      Object.defineProperty({ ...entry }, 'id', {
        get: () => {
          reads++;
          return entry.id;
        },
        enumerable: true,
      });
    let list: readonly ItemOverview[] = LIST.map(counted);
    const vault = { list: () => list };
    const first = encodedList(vault);
    expect(encodedList(vault)).toBe(first);
    expect(reads).toBe(LIST.length);
    list = LIST.slice(1).map(counted);
    expect(decodeList(encodedList(vault)).map((e) => e.id)).toEqual(['b2', 'c3', 'd4']);
    expect(reads).toBe(LIST.length + 3);
  });
});
