// The Firefox e2e tests' lookup (tests/e2e-firefox/harness/firefox-executable.ts): a missing
// Firefox skips the tests on a developer machine and fails them in CI.
import { describe, expect, it } from 'vitest';
import { findFirefox, whenFirefoxMissing } from '../e2e-firefox/harness/firefox-executable';

describe('findFirefox', () => {
  it('finds nothing when the Debian path does not exist and FIREFOX_PATH is unset', () => {
    expect(findFirefox({}, '/nonexistent/firefox-esr')).toBeNull();
  });

  it('throws on a FIREFOX_PATH that is not an executable, instead of testing another browser', () => {
    expect(() => findFirefox({ FIREFOX_PATH: '/nonexistent/firefox' })).toThrow(/FIREFOX_PATH/);
  });

  it('takes an executable FIREFOX_PATH as it is', () => {
    expect(findFirefox({ FIREFOX_PATH: process.execPath }, '/nonexistent/firefox-esr')).toBe(
      process.execPath,
    );
  });
});

describe('whenFirefoxMissing', () => {
  it('skips with the install command outside CI', () => {
    const outcome = whenFirefoxMissing({});
    expect(outcome.fail).toBe(false);
    expect(outcome.message).toContain('apt-get install -y firefox-esr');
  });

  it('fails in CI', () => {
    const outcome = whenFirefoxMissing({ CI: 'true' });
    expect(outcome.fail).toBe(true);
    expect(outcome.message).toContain('failure');
  });
});
