import { describe, expect, it } from 'vitest';
import {
  FALLBACK_MIN_LENGTH,
  MAX_LENGTH,
  MIN_SCORE,
  newPasswordProblem,
} from '../../../src/ui/master-password';

describe('newPasswordProblem', () => {
  it('refuses an empty, over-long or mismatched password', () => {
    expect(newPasswordProblem('', '', 4)).toBe('empty');
    const long = 'x'.repeat(MAX_LENGTH + 1);
    expect(newPasswordProblem(long, long, 4)).toBe('too-long');
    expect(newPasswordProblem('correct horse battery', 'correct horse batery', 4)).toBe('mismatch');
  });

  it('refuses a zxcvbn score below 2, with no override', () => {
    expect(MIN_SCORE).toBe(2);
    expect(newPasswordProblem('password1', 'password1', 0)).toBe('weak');
    expect(newPasswordProblem('password12', 'password12', 1)).toBe('weak');
    expect(newPasswordProblem('Tr0ub4dor&3x', 'Tr0ub4dor&3x', 2)).toBeNull();
  });

  it('falls back to a length rule when no estimate is available', () => {
    const short = 'a'.repeat(FALLBACK_MIN_LENGTH - 1);
    const enough = 'a'.repeat(FALLBACK_MIN_LENGTH);
    expect(newPasswordProblem(short, short, null)).toBe('weak');
    expect(newPasswordProblem(enough, enough, null)).toBeNull();
  });

  it('checks the mismatch before the strength, so the person fixes the typo first', () => {
    expect(newPasswordProblem('abc', 'abd', 0)).toBe('mismatch');
  });
});
