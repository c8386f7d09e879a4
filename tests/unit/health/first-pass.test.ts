// The health report's first pass (src/health/first-pass.ts) may call a password strong without
// zxcvbn only when zxcvbn agrees (score >= 3). Checked here against zxcvbn itself on generated
// passwords and passphrases, random strings, and adversarial text built from zxcvbn's own common
// password list (long entries, repeats, capitalised and suffixed forms, keyboard walks, sequences).
//
// zxcvbn takes 20-800 ms per long password on a loaded machine, so the suite checks a few hundred
// by default; HEALTH_FIRST_PASS_SCALE=10 checks ten times as many (thousands; run it after any
// change to first-pass.ts or to the zxcvbn version).
import { dictionary as common } from '@zxcvbn-ts/language-common';
import { dictionary as en } from '@zxcvbn-ts/language-en';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PASSPHRASE_OPTIONS, generatePassphrase } from '../../../src/generator/passphrase';
import { DEFAULT_PASSWORD_OPTIONS, generatePassword } from '../../../src/generator/password';
import { clearlyStrong } from '../../../src/health/first-pass';
import { type Estimator, loadEstimator } from '../../../src/ui/strength';

const SCALE = Number(process.env.HEALTH_FIRST_PASS_SCALE ?? 1);
const n = (count: number) => Math.max(1, Math.round(count * SCALE));

let estimate: Estimator;
beforeAll(async () => {
  estimate = await loadEstimator();
});

/** Every password the first pass calls strong, with zxcvbn's score; and how many it decided. */
function judge(passwords: readonly string[]) {
  const wrong: { password: string; score: number }[] = [];
  let decided = 0;
  for (const password of passwords) {
    if (clearlyStrong(password) !== true) continue;
    decided++;
    const { score } = estimate(password);
    if (score < 3) wrong.push({ password, score });
  }
  return { wrong, decided };
}

const sampleOf = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });

describe('clearlyStrong agrees with zxcvbn', () => {
  it('decides nearly every generated password and passphrase, each one rightly', { timeout: 600_000 }, () => {
    const passwords = sampleOf(
      fc.record({
        length: fc.integer({ min: 8, max: 64 }),
        lower: fc.boolean(),
        upper: fc.boolean(),
        digits: fc.boolean(),
        symbols: fc.boolean(),
        avoidLookAlikes: fc.boolean(),
      }),
      n(40),
      15,
    )
      .filter((o) => o.lower || o.upper || o.digits || o.symbols)
      .map(generatePassword);
    const phrases = sampleOf(
      fc.record({
        words: fc.integer({ min: 3, max: 8 }),
        separator: fc.constantFrom('-', ' ', '.', '_', '', '+', '~~'),
        capitalize: fc.boolean(),
        includeNumber: fc.boolean(),
      }),
      n(20),
      16,
    ).map(generatePassphrase);
    const all = judge([...passwords, ...phrases]);
    expect(all.wrong).toEqual([]);
    // The default generator output: 5-word passphrases nearly always, 20-character passwords about
    // half the time (the rest have a letter-like stretch a word could hide in: zxcvbn decides them).
    const passwords20 = Array.from({ length: n(30) }, () => generatePassword(DEFAULT_PASSWORD_OPTIONS));
    const phrases5 = Array.from({ length: n(20) }, () => generatePassphrase(DEFAULT_PASSPHRASE_OPTIONS));
    const judged20 = judge(passwords20);
    const judged5 = judge(phrases5);
    expect([...judged20.wrong, ...judged5.wrong]).toEqual([]);
    expect(judged20.decided).toBeGreaterThanOrEqual(passwords20.length * 0.3);
    expect(judged5.decided).toBeGreaterThanOrEqual(phrases5.length * 0.95);
  });

  it('is right on random strings of every alphabet and length', { timeout: 600_000 }, () => {
    const alphabets = [
      'abcdefghijklmnopqrstuvwxyz',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      '0123456789',
      '!@#$%^&*()-_=+[]{};:,./?',
      'éüßøñ漢字кириллица',
    ];
    const text = fc
      .array(fc.constantFrom(...alphabets.join('')), { minLength: 8, maxLength: 120 })
      .map((chars) => chars.join(''));
    expect(judge(sampleOf(text, n(100), 17)).wrong).toEqual([]);
  });

  it("is right on adversarial text made from zxcvbn's own dictionaries", () => {
    const passwords = common['passwords-common'] as string[];
    const words = [
      ...(en['commonWords-en'] as string[]).slice(0, 3000),
      ...(en['firstnames-en'] as string[]),
    ];
    const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    const adversarial: string[] = [];
    for (const p of passwords) {
      if (p.length >= 10) adversarial.push(p, `${capital(p)}!1`, `${capital(p)}#2024`);
    }
    for (const p of passwords.slice(0, 1500)) {
      adversarial.push(
        `${capital(p)}${p}!9`,
        `${capital(p)}!${[...p].reverse().join('')}`,
        `${p}-${p}-${p}-${p}`,
      );
      adversarial.push(`${capital(p)}1!${capital(p)}1!`, `${p.toUpperCase()}@${p}12`);
    }
    for (let i = 0; i + 4 < words.length; i += 3) {
      const [a, b, c, d] = words.slice(i, i + 4).map((w) => w!);
      adversarial.push(
        `${capital(a!)}${b}${c}!7`,
        `${a}-${b}-${c}-${d}`,
        `${a}${b}${c}${d}`,
        `${capital(a!)}.${b}1.${capital(c!)}`,
      );
    }
    // Keyboard walks, sequences and repeats with every class mixed in.
    adversarial.push(
      '1qaz@WSX3edc$RFV',
      '1qaz!QAZ2wsx@WSX',
      '1qaz2wsx3edc4rfv',
      'qwer-asdf-zxcv-tyui',
      '1qaz-2wsx-3edc-4rfv',
      '!QAZ2wsx#EDC4rfv',
      'Qwertyuiop[]1234!',
      'zxcvbnm,./ASDFGHJKL;',
      'aBcDeFgHiJkLmNoP12!',
      'Abc123!@#Abc123!@#',
      'P@ssw0rdP@ssw0rd!',
      'Tr0ub4dor&3Tr0ub4dor&3',
      '123!@#qweQWEasdASD',
      'January1990!February1991!',
      'abcdefghijklmnopqrstuvwxyz',
      'ZYXWVUTSRQPONMLKJIHGFEDCBA0987654321',
    );
    // Every candidate goes through the first pass; zxcvbn runs only on the ones it calls strong.
    const result = judge(
      sampleOf(
        fc.shuffledSubarray(adversarial, {
          minLength: Math.min(adversarial.length, n(3000)),
          maxLength: Math.min(adversarial.length, n(3000)),
        }),
        1,
        18,
      )[0]!,
    );
    expect(result.wrong).toEqual([]);
  }, 600_000);
});
