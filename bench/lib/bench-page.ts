// Builds the bench page (bench/browser) with Vite, the bundler the extension itself is built with, so
// src/ code runs in the page as it runs in the extension: same minifier, same ES2022 target, the
// hash-wasm WebAssembly inlined the same way.
//
// Safety fact: the page is written under .tmp/ (git-ignored) and emptied on every build, so a bench
// never runs a stale page.

import path from 'node:path';
import { build } from 'vite';

export async function buildBenchPage(repoRoot: string): Promise<string> {
  const outDir = path.join(repoRoot, '.tmp', 'bench-page');
  await build({
    configFile: false,
    envDir: false,
    root: path.join(repoRoot, 'bench', 'browser'),
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      // Keep the argon2id package's .wasm files as separate assets rather than data: URLs.
      assetsInlineLimit: 0,
    },
  });
  return outDir;
}
