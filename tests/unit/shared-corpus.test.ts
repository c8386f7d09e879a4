// Issue 13 item 15: a suite that reads the shared corpus skips it with a notice on a developer's
// machine without it, but under CI=true a missing corpus is a failure: CI must never pass by
// testing nothing.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { corpusDir, locateCorpus, SHARED_CORPUS_DIR } from './shared-corpus';

const present = mkdtempSync(join(tmpdir(), 'corpus-'));
mkdirSync(join(present, 'imports'));
const missing = join(present, 'no-such-corpus');

afterEach(() => vi.restoreAllMocks());

describe('locating the shared corpus', () => {
  it('gives the path of what exists, CI or not', () => {
    for (const CI of [undefined, 'true']) {
      expect(locateCorpus(present, ['imports'], { CI })).toBe(join(present, 'imports'));
    }
  });

  it('without CI: a missing path is null, with a one-line notice', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(locateCorpus(missing, ['imports'], {})).toBeNull();
    expect(locateCorpus(present, ['loginpages'], { CI: 'false' })).toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^\[skip\] shared corpus path not found/);
  });

  it('under CI=true: a missing path throws, naming it and how to provide it', () => {
    expect(() => locateCorpus(missing, ['imports'], { CI: 'true' })).toThrow(
      /shared corpus path not found: .*no-such-corpus.*imports.*CI=true/,
    );
    expect(() => locateCorpus(present, ['loginpages'], { CI: '1' })).toThrow(/TESSERA_SHARED_CORPUS/);
  });

  it('TESSERA_SHARED_CORPUS names the corpus directory (a worktree has no ../shared beside it)', () => {
    expect(corpusDir({ TESSERA_SHARED_CORPUS: present })).toBe(present);
    expect(corpusDir({})).toBe(SHARED_CORPUS_DIR);
  });
});
