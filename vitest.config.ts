// Vitest configuration for unit tests (tests/unit). End-to-end tests run under Playwright.
// Tests that need a DOM opt in per file with a `// @vitest-environment ...` comment.

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // Mirror the path aliases WXT declares in .wxt/tsconfig.json, so `@/src/...` imports
  // resolve in tests the same way they do in the type-checker and the build.
  resolve: {
    alias: { '@@': root, '~~': root, '@': root, '~': root },
  },
  test: {
    environment: 'node',
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    testTimeout: 30000,
  },
});
