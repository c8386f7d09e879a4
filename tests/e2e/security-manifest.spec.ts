// The built manifest (what the browser actually loads, after WXT added content scripts and any
// generated entries) against the same policy the unit test applies to wxt.config.ts:
// tests/unit/security/manifest-policy.ts. Runs after `wxt build`, like every e2e spec.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { manifestProblems } from '../unit/security/manifest-policy';
import { expect, test } from './harness/fixtures';
import { CHROME_EXTENSION_DIR, FIREFOX_EXTENSION_DIR, REPO_ROOT } from './harness/paths';

const readme = () => readFile(path.join(REPO_ROOT, 'README.md'), 'utf8');
const manifestOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));

test('the built Chrome manifest complies with the manifest policy', async () => {
  expect(manifestProblems(await manifestOf(CHROME_EXTENSION_DIR), await readme())).toEqual([]);
});

test('the built Firefox manifest complies with the manifest policy (when built)', async () => {
  test.skip(
    !existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')),
    'no Firefox build (npm run build:firefox)',
  );
  expect(manifestProblems(await manifestOf(FIREFOX_EXTENSION_DIR), await readme())).toEqual([]);
});
