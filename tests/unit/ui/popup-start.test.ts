// What the popup runs before its first paint (issue 18): main.tsx and everything it imports
// statically, which the build puts in the popup's own chunk and the 'shared' chunk
// (wxt.config.ts, popupStartModules). The screens it does not show first (item, editor, first
// run, generator, help) and the libraries only they use load with import() after it. Walks the
// source import graph as the bundler does: static value imports followed, `import type` and
// import() not.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const POPUP_MAIN = path.join(ROOT, 'entrypoints/popup/main.tsx');

/** A relative specifier from `from` to the file it names (the extensions the sources use). */
function resolveFile(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {}
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** The static value imports of one file: `import type` and `export type` left out, import() too. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly) continue;
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every source file and package the popup's first paint loads, from main.tsx. */
function popupStart(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [POPUP_MAIN];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.endsWith('.css')) continue;
      if (specifier.startsWith('.')) pending.push(resolveFile(file, specifier));
      else
        packages.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!,
        );
    }
  }
  return { files: new Set([...files].map((f) => path.relative(ROOT, f))), packages };
}

describe("the popup's first paint", () => {
  const { files, packages } = popupStart();

  it('loads the list and unlock screens, not the item, editor, first-run, generator or help screens', () => {
    expect(files).toContain('entrypoints/popup/screens/ListScreen.tsx');
    expect(files).toContain('entrypoints/popup/screens/UnlockScreen.tsx');
    for (const screen of ['ItemScreen', 'EditScreen', 'CreateScreen', 'GeneratorScreen', 'HelpScreen'])
      expect(files).not.toContain(`entrypoints/popup/screens/${screen}.tsx`);
    expect(files).not.toContain('entrypoints/popup/BiometricUnlockButton.tsx');
  });

  it('loads no schema, two-factor, WebAuthn or crypto code', () => {
    expect([...packages].sort()).toEqual(['@preact/signals', 'preact', 'wxt']);
    for (const file of files) {
      expect(file).not.toMatch(/^src\/(totp|crypto|passkeys|generator)\//);
      expect(file).not.toMatch(/item-schema|protocol\.ts|webauthn/);
    }
  });
});
