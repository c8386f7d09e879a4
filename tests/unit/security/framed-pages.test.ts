// Issue 13 item 11: the inline menu and the save prompt are extension pages inside web pages. A
// script running in one could read storage.session (the session copy of the vault key included;
// SECURITY.md, "Framed pages"), so nothing may turn page data into script or markup there. The CSP
// refuses eval, inline and remote script (tests/e2e/security-surface.spec.ts proves it in the
// frame); this checks the code those pages load never asks for either: no HTML sinks, no eval.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const ENTRIES = ['entrypoints/inline-menu/main.ts', 'entrypoints/save-prompt/main.tsx'];

/** Writes that parse a string as HTML or script. */
const SINKS = [
  /\.innerHTML\s*=/,
  /\.outerHTML\s*=/,
  /insertAdjacentHTML/,
  /document\.write/,
  /dangerouslySetInnerHTML/,
  /\beval\s*\(/,
  /new\s+Function\s*\(/,
  /\bsrcdoc\b/,
  /createContextualFragment/,
  /setHTMLUnsafe/,
  /DOMParser/,
];

/** Every source file of ours a page loads: its entry and its relative imports, followed through. */
async function closure(entry: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending = [path.join(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    const text = await readFile(file, 'utf8');
    files.set(file, text);
    for (const [, spec] of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      if (!spec || /\.css$/.test(spec)) continue;
      const base = path.resolve(path.dirname(file), spec);
      for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
        if (
          /\.tsx?$/.test(candidate) &&
          (await readFile(candidate, 'utf8').then(
            () => true,
            () => false,
          ))
        ) {
          pending.push(candidate);
          break;
        }
      }
    }
  }
  return files;
}

describe('the framed pages turn nothing into markup or script', () => {
  it.each(ENTRIES)('%s and every module it imports have no HTML or script sink', async (entry) => {
    const files = await closure(entry);
    // The walk must reach the shared modules, or it proves nothing.
    expect(
      [...files.keys()].some((f) => f.includes(`${path.sep}src${path.sep}messages${path.sep}client.ts`)),
    ).toBe(true);
    const found: string[] = [];
    for (const [file, text] of files) {
      const code = text.replace(/^\s*(\/\/|\*).*$/gm, '');
      for (const sink of SINKS) if (sink.test(code)) found.push(`${path.relative(root, file)}: ${sink}`);
    }
    expect(found).toEqual([]);
  });

  it('the check finds a sink where there is one', () => {
    const code = 'el.innerHTML = page; document.write(x); eval(y);';
    expect(SINKS.filter((sink) => sink.test(code))).toHaveLength(3);
  });
});
