/**
 * The name of the broadcast the background sends to every extension page when the vault locks.
 * On its own so that a page's lock listener (src/ui/lock-broadcast.ts), which the popup's early
 * script runs too, does not import the request schemas of protocol.ts.
 */
export const LOCKED_EVENT = 'tessera.locked';

/**
 * The broadcast the background sends when it found damaged records after an unlock had already
 * answered (the rest of the index opens after the first screen: src/vault/first-screen.ts), or in
 * the integrity check after it. It carries nothing: a page asks `vault.status` for the problems.
 */
export const PROBLEMS_EVENT = 'tessera.problems';
