// Issue 13 item 14: secrets (menu and offer tokens, keys, MACs) are compared in constant time,
// through src/crypto/compare.ts, never with === on the text or a hand-written byte loop that
// returns at the first difference. This scans the code that handles them.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
// src/vault is left out on purpose: vault.ts and store.ts are being changed on another branch.
const SCANNED = ['src/autofill', 'src/session', 'src/messages', 'src/crypto', 'entrypoints'];

/**
 * `x.token === y`, `y !== token`, `a.digest === digest(v)` (also mac, secret), unless the other
 * side is a literal (an autocomplete token name) or undefined/null.
 */
const SECRET = String.raw`\w*(?:[tT]oken|[dD]igest|[mM]ac|[sS]ecret)\w*`;
const TOKEN_EQUALITY = new RegExp(
  String.raw`\b${SECRET}\s*[!=]==\s*(?!['"\x60]|undefined\b|null\b)[\w.]|[\w.)\]]\s*[!=]==\s*${SECRET}\b(?!\s*\.)`,
);
/** A local byte comparison that may return at the first difference. */
const HAND_WRITTEN = /function\s+(equalBytes|bytesEqual|constantTimeEqual|timingSafeEqual)\b/;

async function sources(dir: string): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const entry of await readdir(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(rel)));
    else if (/\.tsx?$/.test(entry.name)) out.push([rel, await readFile(path.join(root, rel), 'utf8')]);
  }
  return out;
}

describe('secret comparisons', () => {
  it('no token is compared with === or !==, and no byte comparison is hand-written', async () => {
    const found: string[] = [];
    for (const dir of SCANNED) {
      for (const [file, text] of await sources(dir)) {
        text.split('\n').forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          if (TOKEN_EQUALITY.test(line) || HAND_WRITTEN.test(line))
            found.push(`${file}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan catches what it is for, and lets autocomplete token names through', () => {
    for (const bad of [
      'if (arm.token === token) return arm;',
      'entry.token !== token',
      'return stored === offerToken;',
      'fresh(entry.at) && entry.digest === digest(values);',
      'function equalBytes(a: Uint8Array, b: Uint8Array) {',
    ]) {
      expect(TOKEN_EQUALITY.test(bad) || HAND_WRITTEN.test(bad), bad).toBe(true);
    }
    for (const fine of [
      "saysNew: text.token === 'new-password'",
      'if (entry.token === undefined) return;',
      'return token.length === 22;',
    ]) {
      expect(TOKEN_EQUALITY.test(fine), fine).toBe(false);
    }
  });
});
